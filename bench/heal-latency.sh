#!/usr/bin/env bash
# heal-latency.sh: crash-to-serving-again time of a service healed by AYS, side by side with
# supervisord restarting the same process on the same machine.
#
#   bench/heal-latency.sh [kills]        (default 15 kills each)
#   AYS_KAFKA_TLS=1 bench/heal-latency.sh          AYS's Kafka over TLS (SASL_SSL; ./ays's setting)
#   AYS_BENCH_SUPERVISORD=0 bench/heal-latency.sh  AYS only (e.g. to alternate TLS and no TLS)
#
# AYS: starts its own AYS with ./ays up (private AYS_HOME under target/, non-default ports, so a
# developer's AYS is left alone), installs examples/hello-http (python3 -m http.server), then
# repeatedly SIGKILLs the server and measures the time from the kill until its port answers HTTP
# again: executor notices the exit -> ays.health DOWN -> monitor -> restart request ->
# coordinator -> restart run on the executor -> process started -> port answers.
# supervisord: runs the same command with autorestart=true, startsecs=0, same kills, same probe.
# AYS container: if a Docker engine answers and has the base image of
# deploy/ci/prepare-docker.sh (--no-build), also installs examples/hello-container (the same
# server in a container) and measures from `docker kill` of the container until a new container's
# published port answers (the exit comes from the engine's event stream). AYS_BENCH_CONTAINER=0
# skips it.
#
# Each kill is a separate incident: 13 s pass between a restart and the next kill, so the
# executor's periodic check (10 s) has reported the service UP and AYS_MONITOR_RESTART_RESET_AFTER
# (set to 1s here) has passed; the monitor's crash-loop backoff (at once, then 10 s doubling)
# stays out of the figures. supervisord gets the same pause. Needs: a JDK 17, python3, curl; supervisord is installed with apt if missing (root).
# Prints p50/p90/max per side; writes nothing else. See docs/benchmarks.md.
set -euo pipefail

KILLS=${1:-15}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
WORK=$ROOT/target/heal-latency
AYS_PORT=18790
SUP_PORT=18791
CONTAINER_PORT=18792
CONTAINER_INSTANCE=examples/hello-container/main

export AYS_HOME=$WORK/ays
export AYS_KAFKA_PORT=19392 AYS_KAFKA_CONTROLLER_PORT=19393 AYS_DB_PORT=19432
export AYS_REGISTRY_PORT=18781 AYS_COORDINATOR_PORT=18782 AYS_EXECUTOR_PORT=18783 AYS_MONITOR_PORT=18784
export AYS_MONITOR_RESTART_RESET_AFTER=1s
PAUSE=${AYS_BENCH_PAUSE:-13}
case ${AYS_KAFKA_TLS:-0} in 1 | true | yes | on) KAFKA=SASL_SSL ;; *) KAFKA=SASL_PLAINTEXT ;; esac

log() { printf '[heal-latency %s] %s\n' "$(date -u +%T)" "$*" >&2; }
now_ms() { date +%s%3N; }

# Waits until http://127.0.0.1:$1/ answers; prints the time it answered (ms).
await_serving() {
  local port=$1 deadline=$(($(now_ms) + 120000))
  until curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; do
    [ "$(now_ms)" -lt "$deadline" ] || { log "port $port never answered"; return 1; }
    sleep 0.02
  done
  now_ms
}

server_pid() { pgrep -f "http.server $1 --bind 127.0.0.1" | head -n1; }

# Kills the server on port $1 $KILLS times; prints one latency (ms) per line.
measure() {
  local port=$1 pid t0 t1 newpid
  for _ in $(seq "$KILLS"); do
    pid=$(server_pid "$port")
    [ -n "$pid" ] || { log "no server on port $port"; return 1; }
    t0=$(now_ms)
    kill -9 "$pid"
    # The old process may still answer a connection already accepted: wait for a new pid.
    until newpid=$(server_pid "$port") && [ -n "$newpid" ] && [ "$newpid" != "$pid" ]; do
      sleep 0.02
      [ $(($(now_ms) - t0)) -lt 120000 ] || { log "no new server on port $port"; return 1; }
    done
    t1=$(await_serving "$port")
    echo $((t1 - t0))
    # The next kill is a separate incident: the monitor counts a service as up from its first UP
    # report (the executor checks every 10 s), and a crash after reset-after (1 s) of being up
    # starts a fresh incident, restarted at once.
    sleep "$PAUSE"
  done
}

container_id() { docker ps -q --filter "label=io.ays.instance=$CONTAINER_INSTANCE"; }

# Kills the container of hello-container $KILLS times; prints one latency (ms) per line.
measure_container() {
  local id t0 t1 newid
  for _ in $(seq "$KILLS"); do
    id=$(container_id)
    [ -n "$id" ] || { log "no container of $CONTAINER_INSTANCE"; return 1; }
    t0=$(now_ms)
    docker kill "$id" >/dev/null
    until newid=$(container_id) && [ -n "$newid" ] && [ "$newid" != "$id" ]; do
      sleep 0.02
      [ $(($(now_ms) - t0)) -lt 120000 ] || { log "no new container"; return 1; }
    done
    t1=$(await_serving "$CONTAINER_PORT")
    echo $((t1 - t0))
    sleep "$PAUSE"
  done
}

summary() { # name, then latencies on stdin
  sort -n | awk -v name="$1" '{ v[NR] = $1 } END {
    p50 = v[int((NR + 1) * 0.5)]; p90 = v[int(NR * 0.9) > 0 ? int(NR * 0.9) : 1];
    printf "%-20s kills %3d   p50 %6d ms   p90 %6d ms   max %6d ms\n", name, NR, p50, p90, v[NR] }'
}

# A fresh AYS each time: nothing installed, nothing queued from an earlier run.
"$ROOT/ays" down >/dev/null 2>&1 || true
rm -rf "$WORK"
mkdir -p "$WORK"
cleanup() {
  "$ROOT/ays" down >/dev/null 2>&1 || true
  [ -f "$WORK/supervisord.pid" ] && kill "$(cat "$WORK/supervisord.pid")" 2>/dev/null || true
}
trap cleanup EXIT

# --- AYS ------------------------------------------------------------------------------------
log "starting AYS (AYS_HOME=$AYS_HOME)"
"$ROOT/ays" up >"$WORK/ays-up.log" 2>&1 || { tail -n 30 "$WORK/ays-up.log" >&2; exit 1; }
log "installing examples/hello-http on port $AYS_PORT"
"$ROOT/ays" install examples/hello-http --data "param.port:$AYS_PORT" >"$WORK/install.log" 2>&1 \
  || { cat "$WORK/install.log" >&2; exit 1; }
await_serving "$AYS_PORT" >/dev/null
sleep 3
log "killing it $KILLS times"
measure "$AYS_PORT" >"$WORK/ays.ms"
"$ROOT/ays" uninstall examples/hello-http >/dev/null 2>&1 || true
if [ "${AYS_BENCH_CONTAINER:-1}" != 0 ] && docker image inspect ays-base:bookworm-jre17 >/dev/null 2>&1; then
  log "installing examples/hello-container on port $CONTAINER_PORT"
  "$ROOT/ays" install examples/hello-container --data "param.port:$CONTAINER_PORT" \
    >"$WORK/install-container.log" 2>&1 || { cat "$WORK/install-container.log" >&2; exit 1; }
  await_serving "$CONTAINER_PORT" >/dev/null
  sleep 3
  log "killing its container $KILLS times"
  measure_container >"$WORK/container.ms"
  "$ROOT/ays" uninstall examples/hello-container >/dev/null 2>&1 || true
else
  log "no Docker engine with the base image: the container case is skipped"
fi
"$ROOT/ays" down >/dev/null 2>&1
LOAD_AYS=$(cut -d' ' -f1-3 /proc/loadavg)

if [ "${AYS_BENCH_SUPERVISORD:-1}" = 0 ]; then
  echo
  echo "crash (SIGKILL) to serving again, $(nproc) cores, load $LOAD_AYS"
  summary "AYS $KAFKA" <"$WORK/ays.ms"
  [ -s "$WORK/container.ms" ] && summary "AYS docker $KAFKA" <"$WORK/container.ms"
  exit 0
fi

# --- supervisord ----------------------------------------------------------------------------
if ! command -v supervisord >/dev/null 2>&1; then
  log "installing supervisor (apt)"
  apt-get install -y -q supervisor >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q supervisor >/dev/null; }
fi
cat >"$WORK/supervisord.conf" <<EOF
[supervisord]
nodaemon=false
pidfile=$WORK/supervisord.pid
logfile=$WORK/supervisord.log
[unix_http_server]
file=$WORK/supervisor.sock
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[program:hello]
command=python3 -m http.server $SUP_PORT --bind 127.0.0.1
directory=$WORK
autorestart=true
startsecs=0
startretries=1000
EOF
log "starting supervisord"
supervisord -c "$WORK/supervisord.conf"
await_serving "$SUP_PORT" >/dev/null
sleep 3
log "killing it $KILLS times"
measure "$SUP_PORT" >"$WORK/supervisord.ms"

echo
echo "crash (SIGKILL) to serving again, $(nproc) cores, load $LOAD_AYS after AYS, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
summary "AYS $KAFKA" <"$WORK/ays.ms"
[ -s "$WORK/container.ms" ] && summary "AYS docker $KAFKA" <"$WORK/container.ms"
summary "supervisord" <"$WORK/supervisord.ms"
