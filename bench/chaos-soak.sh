#!/usr/bin/env bash
# chaos-soak.sh: the seeded chaos test, long.
#
#   bench/chaos-soak.sh [rounds] [installs] [seed]
#       The fleet (default 5 rounds, 24 installs, a random seed): ays-e2e's ChaosEndToEndTest with
#       every service a real process, two executors, a broker process and PostgreSQL; each round
#       strikes every kind of fault once, in an order the seed decides: kill -9 of the coordinator,
#       of an executor in the middle of a hook, of the monitor and of an installed service, a broker
#       restart and a PostgreSQL outage. Installs of an app with a dependency are sent about every
#       CHAOS_INSTALL_GAP_MS (default 12000) meanwhile. The test alone (as the CI runs it) makes 1
#       round and 4 installs.
#   bench/chaos-soak.sh --coordinator [faults] [installs] [seed]
#       The coordinator alone (default 30 faults, 300 installs): lifecycle-coordinator's
#       InfrastructureFaultsDuringABurstTest, broker restarts and PostgreSQL outages only, against
#       a scripted node.
#
# Prints the seed at the start and the test's summary line ("chaos seed S: ..."); on failure, the
# seed, the timeline of faults and the relevant events (replay with the same seed). Needs: a JDK 17
# and python3 (the fleet's services are python HTTP servers). See docs/benchmarks.md ("Chaos soak").
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"
LOG=$ROOT/target/chaos-soak.log
mkdir -p "$ROOT/target"

if [ "${1:-}" = "--coordinator" ]; then
  shift
  FAULTS=${1:-30}
  INSTALLS=${2:-300}
  SEED=${3:-}
  module=lifecycle-coordinator
  test='InfrastructureFaultsDuringABurstTest#installsSurviveBrokerRestartsAndDatabaseOutagesAtRandomMoments'
  args=(-Dchaos.faults="$FAULTS" -Dchaos.installs="$INSTALLS")
else
  ROUNDS=${1:-5}
  INSTALLS=${2:-24}
  SEED=${3:-}
  module=ays-e2e
  test=ChaosEndToEndTest
  args=(-Dchaos.rounds="$ROUNDS" -Dchaos.installs="$INSTALLS"
    -Dchaos.install-gap-ms="${CHAOS_INSTALL_GAP_MS:-12000}")
fi
[ -n "$SEED" ] && args+=(-Dchaos.seed="$SEED")

status=0
start=$(date +%s)
./mvnw -B -pl "$module" -am verify -Dspotless.skip=true -Dtest="$test" \
  -Dsurefire.failIfNoSpecifiedTests=false "${args[@]}" >"$LOG" 2>&1 || status=$?
grep -E '^chaos |Tests run:|BUILD' "$LOG" || true
echo "chaos soak took $(($(date +%s) - start)) s (with the build)"
if [ "$status" -ne 0 ]; then
  # The failure names the seed, the timeline of faults and the relevant events.
  grep -A 120 -E 'chaos with seed' "$LOG" | grep -v -E '^\s+at ' | head -160 || true
  echo "chaos soak failed; full log: $LOG" >&2
fi
exit "$status"
