#!/usr/bin/env bash
# first-install.sh: what a newcomer waits for: request to RUNNING of examples/hello-http (12
# steps, the real executor, a real python3 server), on a fresh AYS.
#
#   bench/first-install.sh [instances] [idle seconds]       (default 5 instances, 10 s)
#
# Starts a fresh AYS with ./ays up (private AYS_HOME under target/, non-default ports, so a
# developer's AYS is left alone: nothing installed, every topic partition empty), then installs
# [instances] instances of examples/hello-http one after the other with the CLI, each on a port of
# its own and each after [idle seconds] with nothing to do (a person reads and types: the
# consumers have been idle for a while when the request comes), and prints each install's time as the coordinator measured it (request taken to run
# SUCCEEDED, the CLI's "install SUCCEEDED in ...") and the CLI's own wall time (publishing the
# request and following the run included). The first install meets empty partitions of
# ays.requests, ays.commands.local and ays.results; later ones meet some empty, some not.
# Needs what ./ays up needs (a JDK 17, git), python3 and curl. Writes nothing outside
# target/first-install. See docs/benchmarks.md, "First install".
set -euo pipefail

INSTANCES=${1:-5}
IDLE=${2:-10}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
WORK=$ROOT/target/first-install
FIRST_PORT=18890

export AYS_HOME=$WORK/ays
export AYS_KAFKA_PORT=19592 AYS_KAFKA_CONTROLLER_PORT=19593 AYS_DB_PORT=19632
export AYS_REGISTRY_PORT=18981 AYS_COORDINATOR_PORT=18982 AYS_EXECUTOR_PORT=18983 AYS_MONITOR_PORT=18984

log() { printf '[first-install %s] %s\n' "$(date -u +%T)" "$*" >&2; }
now_ms() { date +%s%3N; }

"$ROOT/ays" down >/dev/null 2>&1 || true
rm -rf "$WORK"
mkdir -p "$WORK"
cleanup() {
  for i in $(seq "$INSTANCES"); do
    "$ROOT/ays" uninstall examples/hello-http --instance "i$i" >/dev/null 2>&1 || true
  done
  "$ROOT/ays" down >/dev/null 2>&1 || true
}
trap cleanup EXIT

log "starting a fresh AYS (AYS_HOME=$AYS_HOME)"
"$ROOT/ays" up >"$WORK/ays-up.log" 2>&1 || { tail -n 30 "$WORK/ays-up.log" >&2; exit 1; }

echo "install of examples/hello-http (12 steps), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$INSTANCES"); do
  port=$((FIRST_PORT + i))
  sleep "$IDLE"
  t0=$(now_ms)
  "$ROOT/ays" install examples/hello-http --instance "i$i" --data "param.port:$port" \
    >"$WORK/install-$i.log" 2>&1 || { cat "$WORK/install-$i.log" >&2; exit 1; }
  t1=$(now_ms)
  run=$(grep -o 'install SUCCEEDED in [0-9.]*s' "$WORK/install-$i.log" | head -n1 | awk '{print $4}')
  printf 'install %d   run %6s   CLI wall %6d ms\n' "$i" "$run" $((t1 - t0))
  curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/" || { log "port $port does not answer"; exit 1; }
done
