#!/usr/bin/env bash
# End-to-end load of the AYS 7 template corpus by the registry: clone, parse, store, publish
# (docs/benchmarks.md, "Registry: corpus sync end to end").
# Usage: template-registry/bench/corpus-sync.sh [corpus dir] [rounds]
# Builds the registry (package, no tests), then runs the benchmark with a real PostgreSQL and Kafka
# started in the benchmark's JVM and the packaged registry as its own process.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CORPUS=${1:-$ROOT/../shared/ays7-templates}
ROUNDS=${2:-3}
MODULE=$ROOT/template-registry
(cd "$ROOT" && ./mvnw -B -q -pl template-registry -am -DskipTests package \
  dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
cd "$MODULE"
# The embedded PostgreSQL unpacks under java.io.tmpdir: keep it in target/.
mkdir -p target/bench-tmp
java -Djava.io.tmpdir="$MODULE/target/bench-tmp" \
  -cp "$MODULE/target/test-classes:$MODULE/target/classes:$(cat target/bench.classpath)" \
  io.ays.registry.bench.CorpusSyncBenchmark "$CORPUS" target/quarkus-app/quarkus-run.jar "$ROUNDS"
