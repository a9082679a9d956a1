#!/usr/bin/env bash
# Makes sure the server's launcher (bin/serve.sh, which npm start uses) finds jemalloc: the tests of that launcher
# expect it. Installs Debian's libjemalloc2 from apt when missing and we are root; otherwise says what to do.
set -euo pipefail
SERVE="$(dirname "$0")/../bin/serve.sh"
on_jemalloc() {
  TRAVAUX_JEMALLOC=auto sh "$SERVE" -e \
    "process.exit(require('node:fs').readFileSync('/proc/self/maps', 'utf8').includes('libjemalloc') ? 0 : 1)" \
    2>/dev/null
}
on_jemalloc && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing jemalloc (libjemalloc2) from apt for the server..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq </dev/null >/dev/null
  apt-get install -y -qq libjemalloc2 </dev/null >/dev/null
  on_jemalloc && exit 0
fi
echo "jemalloc not found. Install it (Debian: 'sudo apt-get install libjemalloc2')." >&2
exit 1
