#!/usr/bin/env bash
# footprint.sh: the node-executor's idle footprint (resident memory and CPU) with no supervised
# process and with N of them.
#
#   node-executor/bench/footprint.sh [processes] [seconds]     (default 100 processes, 60 s)
#
# Starts a fresh AYS with ./ays up (its own AYS_HOME under target/, its own ports, so a
# developer's AYS is left alone), with a template repository of its own holding `footprint/sleeper`
# (process.1: `sleep 100000`, no ports: checked by its pid). Then:
#   1. waits until the executor is idle (60 s after start-up: warm-up compilation is over), and measures it for [seconds]:
#      VmRSS from /proc/<pid>/status (sampled every 5 s: min, mean, max) and CPU as
#      utime+stime from /proc/<pid>/stat over the window, in % of one core; threads too;
#   2. installs [processes] instances of footprint/sleeper through the normal request path (the
#      coordinator's POST /requests/install, which publishes each request on ays.requests; the
#      coordinator drives every phase on the executor over Kafka), waits until every instance is
#      RUNNING and the executor has that many `sleep` children, lets it settle (60 s), and measures
#      again the same way;
#   3. cleans up: stops AYS with ./ays down, then SIGKILLs the `sleep` processes of its instances
#      (by pid: those whose working folder is an instance folder of this AYS_HOME).
#
# The executor runs with the JVM options ./ays gives it (AYS_EXECUTOR_JAVA_OPTS, see ./ays);
# set AYS_EXECUTOR_JAVA_OPTS to measure other flags, e.g.
#   AYS_EXECUTOR_JAVA_OPTS='-Xms64m -Xmx256m -XX:+UseSerialGC' node-executor/bench/footprint.sh
# Needs what ./ays up needs (a JDK 17, git) and curl. The services must be packaged first (./ays up
# would otherwise build them with `./mvnw install`):
#   ./mvnw -B package -DskipTests -pl ays-local,template-registry,lifecycle-coordinator,node-executor,monitor-service -am
# Prints the figures; writes nothing outside target/footprint. See docs/benchmarks.md.
set -euo pipefail

PROCESSES=${1:-100}
SECONDS_PER_WINDOW=${2:-60}
SETTLE=${FOOTPRINT_SETTLE:-60}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
WORK=$ROOT/node-executor/target/footprint
REPO=$WORK/repo

export AYS_HOME=$WORK/ays
export AYS_KAFKA_PORT=19492 AYS_KAFKA_CONTROLLER_PORT=19493 AYS_DB_PORT=19532
export AYS_REGISTRY_PORT=18881 AYS_COORDINATOR_PORT=18882 AYS_EXECUTOR_PORT=18883 AYS_MONITOR_PORT=18884
export AYS_REGISTRY_REPOSITORIES="footprint=file://$REPO#main"
REGISTRY=http://127.0.0.1:$AYS_REGISTRY_PORT
COORDINATOR=http://127.0.0.1:$AYS_COORDINATOR_PORT
TICKS=$(getconf CLK_TCK)

log() { printf '[footprint %s] %s\n' "$(date -u +%T)" "$*" >&2; }

executor_pid() { tr -dc '0-9' <"$AYS_HOME/run/node-executor.pid"; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
threads() { awk '/^Threads:/ { print $2 }' "/proc/$1/status"; }
# utime + stime (clock ticks): fields 14 and 15 of /proc/<pid>/stat, counted after the command
# name, which may hold spaces and ends with ')'.
cpu_ticks() { cpu_ticks_of "/proc/$1/stat"; }
sleepers() { { ps --ppid "$1" -o pid=,comm= || true; } | awk '$2 == "sleep" { print $1 }'; }

# Every thread of $1: tid, CPU ticks, name.
thread_ticks() {
  local task
  for task in /proc/"$1"/task/*; do
    printf '%s %s %s\n' "${task##*/}" "$(cpu_ticks_of "$task/stat")" "$(tr ' ' _ <"$task/comm")"
  done 2>/dev/null | sort
}
cpu_ticks_of() { sed 's/^.*) //' "$1" | awk '{ print $12 + $13 }'; }

# Measures process $2 for SECONDS_PER_WINDOW seconds; prints one line labelled $1, then where
# the CPU went: the busiest threads, grouped by name without their numbers.
measure() {
  local label=$1 pid=$2 t0 t1 c0 c1 samples=() rss threads0 threads1
  threads0=$(thread_ticks "$pid")
  c0=$(cpu_ticks "$pid")
  t0=$(date +%s%N)
  for _ in $(seq $((SECONDS_PER_WINDOW / 5))); do
    sleep 5
    samples+=("$(rss_kb "$pid")")
  done
  c1=$(cpu_ticks "$pid")
  t1=$(date +%s%N)
  threads1=$(thread_ticks "$pid")
  rss=$(printf '%s\n' "${samples[@]}" | sort -n | awk '{ v[NR] = $1; s += $1 } END {
    printf "RSS min %4.0f MiB  mean %4.0f MiB  max %4.0f MiB", v[1] / 1024, s / NR / 1024, v[NR] / 1024 }')
  awk -v label="$label" -v rss="$rss" -v dc=$((c1 - c0)) -v tick="$TICKS" -v dt=$((t1 - t0)) \
    -v threads="$(threads "$pid")" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
    printf "%-24s %s   CPU %5.2f %% of a core (%d ticks in %.0f s)   threads %d   load %s\n",
      label, rss, 100 * dc / tick / (dt / 1e9), dc, dt / 1e9, threads, load }'
  join <(echo "$threads0") <(echo "$threads1") | awk '{ name = $5; sub(/[-_]*[0-9]+$/, "", name)
    used[name] += $4 - $2 } END { for (n in used) if (used[n] > 0) print used[n], n }' \
    | sort -rn | head -n 6 | awk '{ printf "    %4d ticks  %s\n", $1, $2 }'
}

# The sleep processes of this benchmark's instances, by pid: those running in an instance folder
# of its own AYS_HOME (also those the executor no longer knows: it leaves its processes running
# when it stops, so that a new executor adopts them).
our_sleepers() {
  local pid
  for pid in $(pgrep -x sleep || true); do
    case $(readlink "/proc/$pid/cwd" 2>/dev/null) in
      "$AYS_HOME/executor/instances/"*) echo "$pid" ;;
    esac
  done
}

cleanup() {
  # Stop AYS first: a process killed while the monitor runs would be restarted.
  "$ROOT/ays" down >/dev/null 2>&1 || true
  our_sleepers | xargs -r kill -9 2>/dev/null || true
}

# A fresh AYS each time: nothing installed, nothing queued from an earlier run.
cleanup
rm -rf "$WORK"
mkdir -p "$REPO/sleeper"
trap cleanup EXIT

cat >"$REPO/sleeper/service.hrd" <<'EOF'
description = 'footprint benchmark: one idle process'
process.1 =
    cmd:'sleep',
    args:'100000',
EOF
git -C "$REPO" -c init.defaultBranch=main init -q
git -C "$REPO" add -A
git -C "$REPO" -c user.name=bench -c user.email=bench@localhost -c commit.gpgsign=false \
  commit -q -m "footprint/sleeper"

log "starting AYS (AYS_HOME=$AYS_HOME)"
"$ROOT/ays" up >"$WORK/ays-up.log" 2>&1 || { tail -n 30 "$WORK/ays-up.log" >&2; exit 1; }
EXECUTOR=$(executor_pid)
log "executor pid $EXECUTOR: $(tr '\0' ' ' <"/proc/$EXECUTOR/cmdline" | cut -c1-200)"
# Every REST call needs a token: the local admin token ./ays up made.
AUTH="Authorization: Bearer $(cat "$AYS_HOME/cli/token")"
until curl -fs -o /dev/null -H "$AUTH" "$REGISTRY/templates/footprint/sleeper"; do
  curl -fs -o /dev/null -H "$AUTH" -X POST "$REGISTRY/sync?domain=footprint" || true
  sleep 1
done

log "idle for ${SETTLE} s, then measuring for ${SECONDS_PER_WINDOW} s with no process"
sleep "$SETTLE"
IDLE=$(measure "0 processes" "$EXECUTOR")

log "installing $PROCESSES instances of footprint/sleeper"
for i in $(seq -w 1 "$PROCESSES"); do
  curl -fsS -o /dev/null -H "$AUTH" -X POST -H 'Content-Type: application/json' "$COORDINATOR/requests/install" \
    -d "{\"domain\":\"footprint\",\"name\":\"sleeper\",\"instance\":\"s$i\"}"
done
deadline=$(($(date +%s) + 900))
while :; do
  running=$(curl -fs -H "$AUTH" "$COORDINATOR/instances" | grep -o '"state":"RUNNING"' | wc -l || true)
  children=$(sleepers "$EXECUTOR" | wc -l)
  [ "$running" -ge "$PROCESSES" ] && [ "$children" -ge "$PROCESSES" ] && break
  [ "$(date +%s)" -lt "$deadline" ] || { log "only $running running, $children processes"; exit 1; }
  sleep 2
done
log "$running instances RUNNING, $children sleep processes under the executor"
log "idle for ${SETTLE} s, then measuring for ${SECONDS_PER_WINDOW} s with $PROCESSES processes"
sleep "$SETTLE"
BUSY=$(measure "$PROCESSES processes" "$EXECUTOR")
[ "$(sleepers "$EXECUTOR" | wc -l)" -ge "$PROCESSES" ] || log "warning: some processes ended"

echo
echo "node-executor idle footprint, $(nproc) cores, $(java -version 2>&1 | head -n1)"
echo "JVM options: $(tr '\0' ' ' <"/proc/$EXECUTOR/cmdline" | sed 's/ -Days.home=.*//; s/^[^ ]*java //')"
echo "$IDLE"
echo "$BUSY"
