#!/usr/bin/env bash
# install-registry.sh: installs what the executor's registry pull test (ContainerImagePullTest)
# needs, from Debian's packages: docker-registry (the CNCF distribution registry, 2.8) to run a
# private registry on 127.0.0.1, and busybox-static (one static binary) to make a tiny image FROM
# scratch that pushes and pulls in about a second. Idempotent: does nothing when both are there.
# The package's own registry service is not used (the test runs the binary on a free port with its
# storage in a temporary folder); where a service manager started it, it listens on :5000.
# CI (.ci/run) calls it before the build; the test calls it when they are missing (as root).
set -euo pipefail

if [ -x /usr/bin/docker-registry ] && [ -x /bin/busybox ]; then
  echo "docker-registry and busybox-static already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" != "0" ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends docker-registry busybox-static
