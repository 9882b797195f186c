#!/usr/bin/env bash
# One Kafka broker hop alone (producer -> embedded broker -> consumer, one message at a time), the
# floor under the coordinator's per-phase figures (docs/benchmarks.md, "Coordinator: orchestration
# overhead and throughput"). Usage: lifecycle-coordinator/bench/broker-hop.sh [messages] (2000).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MODULE=$ROOT/lifecycle-coordinator
(cd "$ROOT" && ./mvnw -B -q -pl lifecycle-coordinator -am -DskipTests package \
  dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
cd "$MODULE"
mkdir -p target/bench-tmp
java -Xmx1g -Djava.io.tmpdir="$MODULE/target/bench-tmp" \
  -cp "$MODULE/target/test-classes:$MODULE/target/classes:$(cat target/bench.classpath)" \
  io.ays.coordinator.bench.BrokerHopBenchmark "${1:-2000}" 2>&1 | grep -v -e WARN -e '^\s*at '
