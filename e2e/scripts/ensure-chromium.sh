#!/usr/bin/env bash
# Makes sure Debian's Chromium is present for the end-to-end tests (Playwright never downloads browsers here).
# Installs it from apt when missing and we are root; otherwise says exactly what to do.
set -euo pipefail
CHROMIUM="${TRAVAUX_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium from apt for the end-to-end tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq </dev/null >/dev/null
  apt-get install -y -qq chromium </dev/null >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
fi
echo "Chromium not found at $CHROMIUM. Install it (Debian: 'sudo apt-get install chromium') or set TRAVAUX_CHROMIUM." >&2
exit 1
