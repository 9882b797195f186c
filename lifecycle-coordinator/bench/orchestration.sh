#!/usr/bin/env bash
# The coordinator's orchestration overhead per phase and its install throughput with no-op actions
# across many node ids (docs/benchmarks.md, "Coordinator: orchestration overhead and throughput").
# Usage: lifecycle-coordinator/bench/orchestration.sh [installs] [node ids] [low-load installs]
# (defaults 10000, 100, 200). Builds the coordinator (package, no tests), then runs the benchmark
# with a real PostgreSQL and Kafka in the benchmark's JVM and the packaged coordinator as its own
# process.
set -euo pipefail
BENCH_JAVA_OPTS=-Xmx1g exec "$(dirname "${BASH_SOURCE[0]}")/../../bench/run-module-java.sh" \
  lifecycle-coordinator io.ays.coordinator.bench.OrchestrationBenchmark \
  target/quarkus-app/quarkus-run.jar "${1:-10000}" "${2:-100}" "${3:-200}"
