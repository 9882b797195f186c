#!/usr/bin/env bash
# chaos-soak.sh: the seeded chaos test of the coordinator, long: many installs and many faults
# (broker restarts and PostgreSQL outages of 2 to 10 s at random moments) against a real broker
# and a real PostgreSQL, asserting that every install succeeds and none is rejected or
# dead-lettered. Not run in CI; the CI runs the same test with 20 installs and 4 faults.
#
#   bench/chaos-soak.sh [faults] [installs] [seed]    (default 30 faults, 300 installs, a random seed)
#
# Prints the seed at the start and a line "chaos seed S: N installs succeeded through B broker
# restarts and D database outages"; on failure, the seed and the timeline of faults (replay with
# the same seed). Needs: a JDK 17. See docs/benchmarks.md ("Chaos soak").
set -euo pipefail

FAULTS=${1:-30}
INSTALLS=${2:-300}
SEED=${3:-}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"

LOG=$ROOT/target/chaos-soak.log
mkdir -p "$ROOT/target"
args=(-Dchaos.faults="$FAULTS" -Dchaos.installs="$INSTALLS")
[ -n "$SEED" ] && args+=(-Dchaos.seed="$SEED")
status=0
./mvnw -B -pl lifecycle-coordinator -am verify -Dspotless.skip=true \
  -Dtest='InfrastructureFaultsDuringABurstTest#installsSurviveBrokerRestartsAndDatabaseOutagesAtRandomMoments' \
  -Dsurefire.failIfNoSpecifiedTests=false "${args[@]}" >"$LOG" 2>&1 || status=$?
grep -E '^chaos |Tests run:|BUILD' "$LOG" || true
if [ "$status" -ne 0 ]; then
  # The failure names the seed and the timeline of faults.
  grep -A 60 -E 'chaos with seed' "$LOG" | grep -v -E '^\s+at ' | head -80 || true
  echo "chaos soak failed; full log: $LOG" >&2
fi
exit "$status"
