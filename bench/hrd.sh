#!/usr/bin/env bash
# HRD parse + template load throughput over the AYS 7 corpus (docs/benchmarks.md).
# Usage: bench/hrd.sh [corpus dir] [rounds]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPUS=${1:-$ROOT/../shared/ays7-templates}
ROUNDS=${2:-15}
(cd "$ROOT" && ./mvnw -B -q -pl ays-model test-compile)
java -cp "$ROOT/ays-model/target/classes:$ROOT/ays-model/target/test-classes" \
  io.ays.model.bench.CorpusLoadBenchmark "$CORPUS" "$ROUNDS"
