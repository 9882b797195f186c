#!/usr/bin/env bash
# prepare-docker.sh: make this machine ready for the container test (ays-deploy-test) and for
# deploy/compose, without pulling anything from a container registry.
#
#   1. installs docker.io (apt) if no docker engine is installed, and docker-compose (apt) if
#      neither it nor the docker compose plugin is;
#   2. starts dockerd in the background if it does not answer (log: /var/log/ays-dockerd.log);
#   3. builds the base image $AYS_BASE_IMAGE (default ays-base:bookworm-jre17) from Debian
#      packages with debootstrap, unless it exists already (cached across runs);
#   4. builds the images of the four services from their packaged quarkus-app folders, and the
#      local Kafka and PostgreSQL images, all FROM that base (deploy/images/*/Dockerfile).
#
# Needs root, apt access to a Debian mirror, and a packaged build:
#   ./mvnw -B -o -DskipTests package -pl ays-local,template-registry,lifecycle-coordinator,node-executor,monitor-service -am
# Options: --no-build (steps 1-3 only), --rebuild-base (discard the cached base image).
# Environment: AYS_BASE_IMAGE, AYS_IMAGE_PREFIX (default "ays/"), AYS_IMAGE_TAG (default "dev"),
# DEBIAN_MIRROR (default http://deb.debian.org/debian). See docs/deploy.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
BASE_IMAGE=${AYS_BASE_IMAGE:-ays-base:bookworm-jre17}
PREFIX=${AYS_IMAGE_PREFIX:-ays/}
TAG=${AYS_IMAGE_TAG:-dev}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# Packages of the local base: a JRE, python3 (node-executor runs actions_*.py and hooks),
# curl (HEALTHCHECK), procps (ps/kill for hooks), git (templates may shell out to it),
# postgresql-15 (only the local PostgreSQL image uses it; one base keeps the build to one chroot).
BASE_PACKAGES="openjdk-17-jre-headless python3 curl procps ca-certificates git postgresql-15"

build_images=1
rebuild_base=0
for arg in "$@"; do
  case $arg in
    --no-build) build_images=0 ;;
    --rebuild-base) rebuild_base=1 ;;
    -h | --help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "prepare-docker: unknown option $arg" >&2; exit 2 ;;
  esac
done

log() { printf '[prepare-docker %s] %s\n' "$(date -u +%T)" "$*"; }
die() { printf 'prepare-docker: %s\n' "$*" >&2; exit 1; }
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo

# --- 1. docker engine --------------------------------------------------------------------
if ! command -v dockerd >/dev/null 2>&1; then
  log "installing docker.io"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q docker.io
fi

# The compose tool for deploy/compose and its test (ComposeEndToEndTest): Debian's docker-compose
# (1.29) unless docker-compose or the docker compose plugin is there already.
if ! command -v docker-compose >/dev/null 2>&1 && ! docker compose version >/dev/null 2>&1; then
  log "installing docker-compose"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q docker-compose
fi

# --- 2. dockerd ----------------------------------------------------------------------------
if ! docker info >/dev/null 2>&1; then
  log "starting dockerd (log: /var/log/ays-dockerd.log)"
  $SUDO bash -c 'nohup dockerd >>/var/log/ays-dockerd.log 2>&1 </dev/null &'
  for _ in $(seq 60); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || { tail -n 20 /var/log/ays-dockerd.log >&2; die "dockerd did not start"; }
fi
log "docker $(docker version --format '{{.Server.Version}}') is running"

# --- 3. base image -------------------------------------------------------------------------
if ((rebuild_base)); then docker image rm -f "$BASE_IMAGE" >/dev/null 2>&1 || true; fi
if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  log "base image $BASE_IMAGE exists (cached; --rebuild-base to rebuild it)"
else
  command -v debootstrap >/dev/null 2>&1 || {
    log "installing debootstrap"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q debootstrap
  }
  work=$(mktemp -d /var/tmp/ays-base.XXXXXX)
  rootfs=$work/rootfs
  cleanup() {
    mountpoint -q "$rootfs/proc" 2>/dev/null && $SUDO umount "$rootfs/proc" || true
    $SUDO rm -rf "$work"
  }
  trap cleanup EXIT
  log "debootstrap bookworm (minbase) into $rootfs"
  $SUDO debootstrap --variant=minbase bookworm "$rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 ||
    { tail -n 30 "$work/debootstrap.log" >&2; die "debootstrap failed"; }
  log "installing $BASE_PACKAGES"
  $SUDO mount -t proc proc "$rootfs/proc"
  # Never start services inside the chroot (postgresql-15's postinst would try).
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$rootfs/usr/sbin/policy-rc.d" >/dev/null
  $SUDO chmod 755 "$rootfs/usr/sbin/policy-rc.d"
  $SUDO chroot "$rootfs" /bin/sh -c "
    set -e
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    mkdir -p /usr/share/man/man1
    apt-get install -y -q --no-install-recommends $BASE_PACKAGES
    apt-get clean
    rm -rf /var/lib/apt/lists/* /usr/sbin/policy-rc.d
  " >"$work/packages.log" 2>&1 || { tail -n 30 "$work/packages.log" >&2; die "package installation failed"; }
  $SUDO umount "$rootfs/proc"
  # The cluster the package created is not wanted: the PostgreSQL image runs initdb itself.
  $SUDO rm -rf "$rootfs/var/lib/postgresql/15/main" "$rootfs/etc/postgresql/15/main"
  log "importing $BASE_IMAGE"
  $SUDO tar -C "$rootfs" -c . | docker import \
    -c 'ENV LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'CMD ["/bin/bash"]' - "$BASE_IMAGE" >/dev/null
  cleanup
  trap - EXIT
  log "base image $BASE_IMAGE built"
fi

((build_images)) || exit 0

# --- 4. images ---------------------------------------------------------------------------
build() {
  local name=$1 context=$2 dockerfile=$3 started=$SECONDS out
  out=$(mktemp)
  if ! docker build --network=none --build-arg "BASE_IMAGE=$BASE_IMAGE" \
    -f "$dockerfile" -t "${PREFIX}${name}:${TAG}" "$context" >"$out" 2>&1; then
    tail -n 30 "$out" >&2
    rm -f "$out"
    die "building ${PREFIX}${name}:${TAG} failed (docker build --build-arg BASE_IMAGE=$BASE_IMAGE -f $dockerfile $context)"
  fi
  rm -f "$out"
  log "built ${PREFIX}${name}:${TAG} ($((SECONDS - started)) s)"
}
for svc in template-registry lifecycle-coordinator node-executor monitor-service; do
  [ -f "$ROOT/$svc/target/quarkus-app/quarkus-run.jar" ] ||
    die "$svc is not packaged: run the package command in the header of $0 first"
done
compgen -G "$ROOT/ays-local/target/lib/kafka_2.13-*.jar" >/dev/null && [ -f "$ROOT/ays-local/target/ays-local.jar" ] ||
  die "ays-local is not packaged (its target/lib holds the Kafka jars): run the package command first"

for svc in template-registry lifecycle-coordinator node-executor monitor-service; do
  build "$svc" "$ROOT/$svc/target/quarkus-app" "$ROOT/deploy/images/$svc/Dockerfile"
done
# The Kafka image's context: the Kafka jars, the topic and access setup and the ACL set, without
# the embedded PostgreSQL.
stage=$ROOT/ays-local/target/kafka-image
rm -rf "$stage"
mkdir -p "$stage/lib"
cp "$ROOT/ays-local/target/ays-local.jar" "$ROOT/deploy/images/kafka/entrypoint.sh" \
  "$ROOT/deploy/kafka/acls.txt" "$stage/"
find "$ROOT/ays-local/target/lib" -maxdepth 1 -name '*.jar' ! -name 'embedded-postgres*' \
  ! -name 'postgresql-*' -exec cp {} "$stage/lib/" \;
build kafka "$stage" "$ROOT/deploy/images/kafka/Dockerfile"
build postgres "$ROOT/deploy/images/postgres" "$ROOT/deploy/images/postgres/Dockerfile"
log "done: ${PREFIX}{template-registry,lifecycle-coordinator,node-executor,monitor-service,kafka,postgres}:${TAG} on $BASE_IMAGE"
