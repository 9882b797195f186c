#!/usr/bin/env bash
# The coordinator's orchestration overhead per phase and its install throughput with no-op actions
# across many node ids (docs/benchmarks.md, "Coordinator: orchestration overhead and throughput").
# Usage: lifecycle-coordinator/bench/orchestration.sh [installs] [node ids] [low-load installs]
# (defaults 10000, 100, 200). Builds the coordinator (package, no tests), then runs the benchmark
# with a real PostgreSQL and Kafka in the benchmark's JVM and the packaged coordinator as its own
# process.
#
# AYS_BENCH_KAFKA=sasl or tls: Kafka is instead the broker of `./ays up --infra` (its own AYS_HOME
# under target/ and its own ports, made afresh and stopped at the end) with SASL/SCRAM in the clear
# (sasl) or over TLS (tls, AYS_KAFKA_TLS=1); the benchmark and the coordinator use its admin's
# client settings file (docs/benchmarks.md, "Cost of TLS").
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd "$HERE/../.." && pwd -P)
case ${AYS_BENCH_KAFKA:-} in
  "") BENCH_JAVA_OPTS=-Xmx1g exec "$ROOT/bench/run-module-java.sh" lifecycle-coordinator \
    io.ays.coordinator.bench.OrchestrationBenchmark target/quarkus-app/quarkus-run.jar \
    "${1:-10000}" "${2:-100}" "${3:-200}" ;;
  sasl) export AYS_KAFKA_TLS=0 ;;
  tls) export AYS_KAFKA_TLS=1 ;;
  *) echo "AYS_BENCH_KAFKA: sasl or tls (or unset: a plain broker in the benchmark's JVM), got '$AYS_BENCH_KAFKA'" >&2; exit 2 ;;
esac
export AYS_HOME=$ROOT/lifecycle-coordinator/target/bench-ays
export AYS_KAFKA_PORT=19492 AYS_KAFKA_CONTROLLER_PORT=19493 AYS_DB_PORT=19532
"$ROOT/ays" down >/dev/null 2>&1 || true
rm -rf "$AYS_HOME"
trap '"$ROOT/ays" down >/dev/null 2>&1 || true' EXIT
"$ROOT/ays" up --infra >"$ROOT/lifecycle-coordinator/target/bench-ays-up.log" 2>&1 ||
  { tail -n 30 "$ROOT/lifecycle-coordinator/target/bench-ays-up.log" >&2; exit 1; }
export AYS_BENCH_KAFKA_BOOTSTRAP=127.0.0.1:$AYS_KAFKA_PORT
export AYS_BENCH_KAFKA_CLIENT_CONFIG=$AYS_HOME/kafka/credentials/ays-admin.properties
BENCH_JAVA_OPTS=-Xmx1g "$ROOT/bench/run-module-java.sh" \
  lifecycle-coordinator io.ays.coordinator.bench.OrchestrationBenchmark \
  target/quarkus-app/quarkus-run.jar "${1:-10000}" "${2:-100}" "${3:-200}"
