#!/usr/bin/env bash
# examples/tutorial/run.sh: every step of docs/tutorial.md, end to end, against an AYS started with
#
#   AYS_REGISTRY_REPOSITORIES=tutorial=hosted:meta/tutorial ./ays up
#
# 1. publishes the binary data (examples/tutorial/fancyPackage) as the hosted git repository
#    binary/fancyPackage;
# 2. publishes the templates (examples/tutorial/templates: fancyPackage and fancyBase) as the
#    hosted metadata repository meta/tutorial, which the registry syncs as the domain "tutorial";
# 3. installs fancyPackage with ./ays install, checks its page and ./ays status;
# 4. kills its process and waits until AYS has started it again (a new pid);
# 5. stops and uninstalls it.
#
# It stops with "tutorial: FAILED: ..." and exit 1 at the first step that does not behave.
# Settings (environment), the same as ./ays: AYS_REGISTRY_PORT (8081), AYS_KAFKA_PORT,
# AYS_COORDINATOR_PORT, AYS_MONITOR_PORT, AYS_HOME (its cli/token, which ./ays up writes, is the
# bearer token for curl and the password for git push); and TUTORIAL_PORT (9090), the port fancyPackage
# listens on, TUTORIAL_WORK (a new temporary folder), where the two git repositories are made,
# TUTORIAL_TIMEOUT (300), seconds to wait for anything AYS does.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd "$HERE/../.." && pwd -P)
AYS=$ROOT/ays
REGISTRY_PORT=${AYS_REGISTRY_PORT:-8081}
REGISTRY=http://127.0.0.1:$REGISTRY_PORT
AYS_HOME=${AYS_HOME:-$ROOT/.ays}
TOKEN_FILE=$AYS_HOME/cli/token
PORT=${TUTORIAL_PORT:-9090}
TIMEOUT=${TUTORIAL_TIMEOUT:-300}
WORK=${TUTORIAL_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/ays-tutorial.XXXXXX")}
GIT=(git -c user.name="AYS tutorial" -c user.email="tutorial@localhost" -c commit.gpgsign=false
  -c init.defaultBranch=master)

say() { printf 'tutorial: %s\n' "$*"; }
fail() {
  printf 'tutorial: FAILED: %s\n' "$*" >&2
  exit 1
}
# Runs ./ays with its arguments, showing the command and its output; fails naming it.
ays() {
  printf '\n$ ./ays %s\n' "$*"
  "$AYS" "$@" || fail "./ays $* exited with $?"
}
# Any other command that fails stops the script too (set -e): say where.
trap 'printf "tutorial: FAILED: line %s: %s exited with %s\n" "$LINENO" "$BASH_COMMAND" "$?" >&2' ERR
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
page() { curl -fsS --max-time 5 "http://127.0.0.1:$PORT/" 2>/dev/null; }
pid_of_page() { sed -n 's/^pid: \([0-9]*\)$/\1/p' <<<"$1"; }

mkdir -p "$WORK"
[ -f "$TOKEN_FILE" ] || fail "no token $TOKEN_FILE: start AYS with ./ays up (or set AYS_HOME)"
TOKEN=$(cat "$TOKEN_FILE")
AUTH=(-H "Authorization: Bearer $TOKEN")
command -v git >/dev/null || fail "git is needed (apt-get install git)"
command -v curl >/dev/null || fail "curl is needed (apt-get install curl)"
command -v python3 >/dev/null || fail "python3 is needed: fancyPackage is a Python script"

# --- 0. AYS runs, and knows the tutorial's metadata repository ---------------------------------
say "step 0: checking AYS at $REGISTRY (./ays up)"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$REGISTRY/q/health/ready" || true)
[ "$code" = 200 ] || fail "the template registry at $REGISTRY does not answer (got '$code'): start AYS with
  AYS_REGISTRY_REPOSITORIES=tutorial=hosted:meta/tutorial ./ays up"
code=$(curl -s -o "$WORK/sync-before.json" -w '%{http_code}' --max-time 60 "${AUTH[@]}" -X POST "$REGISTRY/sync?domain=tutorial" || true)
[ "$code" != 404 ] || fail "the registry has no repository for the domain 'tutorial': AYS was started without it. Run
  ./ays down && AYS_REGISTRY_REPOSITORIES=tutorial=hosted:meta/tutorial ./ays up"
! port_open "$PORT" || fail "port $PORT is already in use: stop what listens there or set TUTORIAL_PORT"
say "work folder: $WORK"

# --- 1. the binary data -------------------------------------------------------------------------
say "step 1: publishing the binary data: git push to $REGISTRY/git/binary/fancyPackage.git"
rm -rf "$WORK/fancyPackage"
cp -R "$HERE/fancyPackage" "$WORK/fancyPackage"
(
  cd "$WORK/fancyPackage"
  "${GIT[@]}" init -q
  "${GIT[@]}" add .
  "${GIT[@]}" commit -q -m "fancyPackage: first build"
  # --force: this script makes a new repository on every run; by hand, a plain push is enough.
  "${GIT[@]}" push -q --force "http://ays:$TOKEN@127.0.0.1:$REGISTRY_PORT/git/binary/fancyPackage.git" HEAD:master
) || fail "the push of the binary data to $REGISTRY/git/binary/fancyPackage.git failed (see above)"
git ls-remote "$REGISTRY/git/binary/fancyPackage.git" | grep -q 'refs/heads/master' ||
  fail "the registry does not show the branch master of binary/fancyPackage"
say "binary/fancyPackage is published"

# --- 2. the templates ---------------------------------------------------------------------------
say "step 2: publishing the templates fancyPackage and fancyBase: git push to $REGISTRY/git/meta/tutorial.git"
rm -rf "$WORK/tutorial-templates"
mkdir -p "$WORK/tutorial-templates"
cp -R "$HERE/templates/." "$WORK/tutorial-templates/"
if [ "$REGISTRY_PORT" != 8081 ]; then
  # The template names the registry's git URL; this AYS's registry listens on another port.
  sed -i "s#http://127.0.0.1:8081/#http://127.0.0.1:$REGISTRY_PORT/#" "$WORK/tutorial-templates/fancyPackage/service.hrd"
fi
(
  cd "$WORK/tutorial-templates"
  "${GIT[@]}" init -q
  "${GIT[@]}" add .
  "${GIT[@]}" commit -q -m "The tutorial's templates: fancyPackage and fancyBase"
  "${GIT[@]}" push -q --force "http://ays:$TOKEN@127.0.0.1:$REGISTRY_PORT/git/meta/tutorial.git" HEAD:master
) || fail "the push of the templates to $REGISTRY/git/meta/tutorial.git failed (see above)"
# The push syncs the domain in the background; this sync answers with the report.
curl -fsS --max-time 120 "${AUTH[@]}" -X POST "$REGISTRY/sync?domain=tutorial" >"$WORK/sync.json" ||
  fail "POST $REGISTRY/sync?domain=tutorial failed"
for template in fancyBase fancyPackage; do
  curl -fsS --max-time 10 "${AUTH[@]}" "$REGISTRY/templates/tutorial/$template" >/dev/null ||
    fail "the registry has no template tutorial/$template after the sync; its report: $(cat "$WORK/sync.json")"
done
ays list -d tutorial
# The coordinator learns of the templates from Kafka (ays.templates): wait until it can plan the install.
deadline=$((SECONDS + TIMEOUT))
until "$AYS" plan tutorial/fancyPackage --data "param.port:$PORT" >"$WORK/plan.txt" 2>&1; do
  ((SECONDS < deadline)) || fail "the coordinator cannot plan the install of tutorial/fancyPackage: $(cat "$WORK/plan.txt")"
  sleep 2
done
say "the templates are published and known to the coordinator"

# --- 3. install ---------------------------------------------------------------------------------
say "step 3: installing fancyPackage on port $PORT"
ays install fancyPackage --data "param.port:$PORT" --timeout "${TIMEOUT}s"
body=$(page) || fail "nothing answers on http://127.0.0.1:$PORT/ after the install"
printf '\n$ curl 127.0.0.1:%s\n%s\n' "$PORT" "$body"
grep -q '^fancyPackage says: hello from the AYS tutorial$' <<<"$body" ||
  fail "the page does not say what fancy.conf (written by configure) says: $body"
first_pid=$(pid_of_page "$body")
[ -n "$first_pid" ] || fail "the page names no pid: $body"
say "page served by pid $first_pid"
printf '\n$ ./ays status fancyPackage\n'
status=$("$AYS" status fancyPackage) || fail "./ays status fancyPackage exited with $?: $status"
printf '%s\n' "$status"
grep -Eq "^tutorial +fancyPackage +main +local +RUNNING +\S+ +$PORT" <<<"$status" ||
  fail "./ays status does not show tutorial/fancyPackage RUNNING on port $PORT"
say "fancyPackage is RUNNING"

# --- 4. kill it, watch it come back --------------------------------------------------------------
say "step 4: killing fancyPackage (kill -9 $first_pid) and waiting for AYS to start it again"
[[ $(tr '\0' ' ' <"/proc/$first_pid/cmdline" 2>/dev/null) == *fancy.py* ]] ||
  fail "pid $first_pid is not fancy.py"
kill -9 "$first_pid"
deadline=$((SECONDS + TIMEOUT))
new_pid=
while :; do
  if body=$(page); then
    new_pid=$(pid_of_page "$body")
    [ -n "$new_pid" ] && [ "$new_pid" != "$first_pid" ] && break
  fi
  ((SECONDS < deadline)) || fail "fancyPackage did not come back within ${TIMEOUT}s after the kill (./ays status; ./ays runs fancyPackage)"
  sleep 1
done
say "healed: pid $first_pid -> pid $new_pid"
# The restart is a run of its own: wait until it has ended and the instance is RUNNING again.
deadline=$((SECONDS + TIMEOUT))
until status=$("$AYS" status fancyPackage 2>&1) &&
  grep -Eq "^tutorial +fancyPackage +main +local +RUNNING +UP +$PORT" <<<"$status"; do
  ((SECONDS < deadline)) || fail "fancyPackage is not RUNNING and UP after its restart: $status"
  sleep 2
done
printf '\n$ ./ays status fancyPackage\n%s\n' "$status"
ays runs fancyPackage
say "fancyPackage is RUNNING again"

# --- 5. stop and uninstall -----------------------------------------------------------------------
say "step 5: stopping and uninstalling fancyPackage"
ays stop fancyPackage --timeout "${TIMEOUT}s"
! port_open "$PORT" || fail "port $PORT is still open after the stop"
status=$("$AYS" status fancyPackage) || fail "./ays status fancyPackage exited with $? after the stop: $status"
grep -Eq "^tutorial +fancyPackage +main +local +STOPPED" <<<"$status" ||
  fail "./ays status does not show fancyPackage STOPPED: $status"
say "fancyPackage is STOPPED"
ays uninstall fancyPackage --timeout "${TIMEOUT}s"
installed=$("$AYS" list --installed) || fail "./ays list --installed exited with $?"
printf '\n$ ./ays list --installed\n%s\n' "$installed"
! grep -q 'tutorial/fancy' <<<"$installed" ||
  fail "tutorial instances are still installed after the uninstall: $installed"
say "fancyPackage and fancyBase are uninstalled"
say "done: every step of docs/tutorial.md behaved"
