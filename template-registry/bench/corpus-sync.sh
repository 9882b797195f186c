#!/usr/bin/env bash
# End-to-end load of the AYS 7 template corpus by the registry: clone, parse, store, publish
# (docs/benchmarks.md, "Registry: corpus sync end to end").
# Usage: template-registry/bench/corpus-sync.sh [corpus dir] [rounds]
# Builds the registry (package, no tests), then runs the benchmark with a real PostgreSQL and Kafka
# started in the benchmark's JVM and the packaged registry as its own process.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CORPUS=$(cd "${1:-$ROOT/../shared/ays7-templates}" && pwd)
exec "$ROOT/bench/run-module-java.sh" template-registry io.ays.registry.bench.CorpusSyncBenchmark \
  "$CORPUS" target/quarkus-app/quarkus-run.jar "${2:-3}"
