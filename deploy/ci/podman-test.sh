#!/usr/bin/env bash
# podman-test.sh: runs the executor's container tests (ContainerLifecycleTest,
# ContainerImagePullTest) against Podman's Docker-compatible API instead of Docker's, to check that
# AYS's container runtime works on Podman. Not part of CI (about 1 minute after a build, most of it
# copying the base image into Podman); docs/templates.md, "Engine", says what passed.
#
#   1. installs Debian's podman (4.3) if missing, and the registry (install-registry.sh);
#   2. starts a rootful `podman system service` on a socket in a temporary folder, with its own
#      storage there (--root/--runroot): the machine's Podman storage is not touched;
#   3. copies the base image from Docker into it (docker save | load: nothing can be pulled here);
#   4. runs the tests with -Days.container.host=unix://<that socket>;
#   5. stops the service and removes the folder.
#
# Needs root, a running Docker engine with the base image (prepare-docker.sh --no-build) and the
# build's modules (it runs ./mvnw -pl node-executor -am). Environment: AYS_BASE_IMAGE.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
BASE_IMAGE=${AYS_BASE_IMAGE:-ays-base:bookworm-jre17}
log() { printf '[podman-test %s] %s\n' "$(date -u +%T)" "$*"; }

if ! command -v podman >/dev/null 2>&1; then
  log "installing podman"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman
fi
bash "$ROOT/deploy/ci/install-registry.sh" >/dev/null

work=$(mktemp -d /var/tmp/ays-podman.XXXXXX)
sock=$work/podman.sock
podman_cmd=(podman --root "$work/root" --runroot "$work/run")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# Podman's rootful default limits (nofile 1048576, nproc 4194304) can be above what the machine
# allows, where runc fails with "error setting rlimit type 7 (or 6): operation not permitted".
# Seen on the test machine (hard limits nofile 20000, nproc 96367): nproc 30000 worked, 50000 and
# 96367 did not; 20000 is what passed the tests.
nofile=$(ulimit -Hn)
nproc=$(ulimit -Hu)
[ "$nproc" = unlimited ] || [ "$nproc" -gt 20000 ] && nproc=20000
[ "$nofile" = unlimited ] || [ "$nofile" -gt 65536 ] && nofile=65536
cat >"$work/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
# Podman pulls over HTTPS unless a registry is declared insecure (Docker allows HTTP on 127/8).
cat >"$work/registries.conf" <<CONF
[[registry]]
location = "127.0.0.1:$port"
insecure = true
CONF

service=
cleanup() {
  if [ -n "$service" ]; then
    "${podman_cmd[@]}" rm -af >/dev/null 2>&1 || true
    kill "$service" 2>/dev/null || true
    wait "$service" 2>/dev/null || true
  fi
  CONTAINERS_CONF=$work/containers.conf "${podman_cmd[@]}" system reset -f >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

log "starting podman $(podman version --format '{{.Client.Version}}') on unix://$sock"
CONTAINERS_CONF=$work/containers.conf CONTAINERS_REGISTRIES_CONF=$work/registries.conf \
  "${podman_cmd[@]}" system service --time=0 "unix://$sock" >"$work/service.log" 2>&1 &
service=$!
for _ in $(seq 50); do
  [ -S "$sock" ] && break
  sleep 0.2
done
[ -S "$sock" ] || { cat "$work/service.log" >&2; exit 1; }

log "loading $BASE_IMAGE into podman"
docker save "$BASE_IMAGE" | docker -H "unix://$sock" load >/dev/null

log "running the container tests against podman"
cd "$ROOT"
./mvnw -B -q -pl node-executor -am \
  -Dtest='ContainerLifecycleTest,ContainerImagePullTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Days.docker.test=true -Days.require.all=true \
  -Days.container.host="unix://$sock" -Days.registry.port="$port" test
log "passed on podman"
