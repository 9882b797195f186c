#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium and its matching chromedriver for the monitor's
# dashboard browser test (DashboardBrowserTest). Idempotent: does nothing when both are there.
# CI calls it before the build; a developer runs it once (as root, or with sudo).
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "chromium and chromedriver already installed: $(/usr/bin/chromium --version 2>/dev/null)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" != "0" ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver

/usr/bin/chromium --version
/usr/bin/chromedriver --version
