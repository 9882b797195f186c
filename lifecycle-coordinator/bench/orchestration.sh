#!/usr/bin/env bash
# The coordinator's orchestration overhead per phase and its install throughput with no-op actions
# across many node ids (docs/benchmarks.md, "Coordinator: orchestration overhead and throughput").
# Usage: lifecycle-coordinator/bench/orchestration.sh [installs] [node ids] [low-load installs]
# (defaults 10000, 100, 200). Builds the coordinator (package, no tests), then runs the benchmark
# with a real PostgreSQL and Kafka in the benchmark's JVM and the packaged coordinator as its own
# process.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MODULE=$ROOT/lifecycle-coordinator
(cd "$ROOT" && ./mvnw -B -q -pl lifecycle-coordinator -am -DskipTests package \
  dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
cd "$MODULE"
# The embedded PostgreSQL unpacks under java.io.tmpdir: keep it in target/.
mkdir -p target/bench-tmp
java -Xmx1g -Djava.io.tmpdir="$MODULE/target/bench-tmp" \
  -cp "$MODULE/target/test-classes:$MODULE/target/classes:$(cat target/bench.classpath)" \
  io.ays.coordinator.bench.OrchestrationBenchmark target/quarkus-app/quarkus-run.jar \
  "${1:-10000}" "${2:-100}" "${3:-200}"
