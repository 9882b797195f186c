#!/usr/bin/env bash
# One Kafka broker hop alone (producer -> embedded broker -> consumer, one message at a time), the
# floor under the coordinator's per-phase figures (docs/benchmarks.md, "Coordinator: orchestration
# overhead and throughput"). Usage: lifecycle-coordinator/bench/broker-hop.sh [messages] (2000).
set -euo pipefail
BENCH_JAVA_OPTS=-Xmx1g "$(dirname "${BASH_SOURCE[0]}")/../../bench/run-module-java.sh" \
  lifecycle-coordinator io.ays.coordinator.bench.BrokerHopBenchmark "${1:-2000}" 2>&1 \
  | grep -v -e WARN -e '^\s*at '
