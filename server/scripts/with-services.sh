#!/usr/bin/env bash
# Runs a command (npm test's test:all) with the PostgreSQL and Redis that the tests use, exported as
# TRAVAUX_TEST_DATABASE_URL and TRAVAUX_TEST_REDIS_URL:
#   1. the URLs already set in the environment, as they are;
#   2. else the services on their standard local ports (127.0.0.1:5432, trust auth, database test or postgres;
#      127.0.0.1:6379);
#   3. else private instances on free ports in a temporary directory, installed from Debian's packages first when
#      missing (postgresql, redis-server; apt-get, as root), and stopped with the directory removed when the
#      command ends, however it ends.
# HAProxy (the several-nodes tests' balancer) and the PostgreSQL and Redis server binaries (for the instances that
# tests restart) are installed from Debian's packages when missing, the same way.
# TRAVAUX_TEST_SERVICES=private skips step 2 (how step 3 is tested on a machine that has the services).
# Usage: bash server/scripts/with-services.sh <command> [args...]; exits with the command's status.
set -euo pipefail
SERVER_DIR="$(cd "$(dirname "$0")/.." && pwd)"
TMP=""
PG_DATA=""
PG_BIN=""
REDIS_PID=""
RUN_AS=()

say() { echo "with-services: $*" >&2; }

cleanup() {
  if [ -n "$PG_DATA" ]; then
    "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "$REDIS_PID" ]; then
    kill "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
  fi
  if [ -n "$TMP" ]; then rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# True when PostgreSQL at $1 accepts a connection and a query (through the server's own pg client).
pg_works() {
  (cd "$SERVER_DIR" && node -e "
    const pg = require('pg');
    const client = new pg.Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    client.connect().then(() => client.query('SELECT 1')).then(() => client.end())
      .then(() => process.exit(0), () => process.exit(1));
  " "$1") >/dev/null 2>&1
}

# True when the Redis at redis://[user:pass@]host:port answers PING (a password-less one; a URL with a password
# is trusted as given).
redis_works() {
  [[ $1 =~ ^rediss?://([^@/]*@)?([^:/]+)(:([0-9]+))? ]] || return 1
  [ -n "${BASH_REMATCH[1]}" ] && return 0
  (redis_ping "${BASH_REMATCH[2]}" "${BASH_REMATCH[4]:-6379}") 2>/dev/null
}

redis_ping() {
  local line=""
  exec 3<>"/dev/tcp/$1/$2" || return 1
  printf 'PING\r\n' >&3
  read -r -t 3 line <&3 || true
  [[ $line == +PONG* ]]
}

free_port() {
  node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });"
}

# Installs Debian packages without letting their scripts start the system's own services (policy-rc.d 101,
# only when no policy is in place): the tests start private instances and must leave nothing running.
apt_install() {
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    say "$* missing and cannot be installed here (not root, or no apt-get): install it or set the test URLs"
    exit 1
  fi
  say "installing $* from Debian's packages for the tests..."
  local policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    policy=/usr/sbin/policy-rc.d
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq </dev/null >/dev/null
  apt-get install -y -qq "$@" </dev/null >/dev/null
  if [ -n "$policy" ]; then rm -f "$policy"; fi
}

private_dir() {
  if [ -z "$TMP" ]; then
    TMP="$(mktemp -d "${TMPDIR:-/tmp}/travaux-services-XXXXXX")"
    chmod 755 "$TMP"
  fi
}

find_pg_bin() {
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -z "$PG_BIN" ] && command -v initdb >/dev/null 2>&1; then PG_BIN="$(dirname "$(command -v initdb)")"; fi
}

start_private_postgres() {
  find_pg_bin
  if [ -z "$PG_BIN" ]; then
    apt_install postgresql
    find_pg_bin
  fi
  [ -n "$PG_BIN" ] || { say "PostgreSQL's initdb not found after installing it"; exit 1; }
  private_dir
  PG_DATA="$TMP/postgres"
  mkdir -p "$PG_DATA"
  # initdb and postgres refuse to run as root: the data directory belongs to the postgres user (the package's).
  if [ "$(id -u)" = "0" ]; then
    local user=postgres
    id -u "$user" >/dev/null 2>&1 || user=nobody
    chown "$user" "$PG_DATA"
    RUN_AS=(runuser -u "$user" --)
  fi
  local port
  port="$(free_port)"
  "${RUN_AS[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --no-sync >"$TMP/initdb.log" 2>&1 ||
    { cat "$TMP/initdb.log" >&2; exit 1; }
  "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DATA -c fsync=off -c max_connections=300" start >/dev/null
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres test
  TRAVAUX_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/test"
  say "started a private PostgreSQL on 127.0.0.1:$port in $TMP"
}

start_private_redis() {
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  private_dir
  mkdir -p "$TMP/redis"
  local port
  port="$(free_port)"
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$TMP/redis" \
    --logfile "$TMP/redis/redis.log" &
  REDIS_PID=$!
  TRAVAUX_TEST_REDIS_URL="redis://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    redis_works "$TRAVAUX_TEST_REDIS_URL" && break
    sleep 0.1
  done
  redis_works "$TRAVAUX_TEST_REDIS_URL" || { say "the private Redis did not start"; exit 1; }
  say "started a private Redis on 127.0.0.1:$port in $TMP"
}

standard_ports=true
[ "${TRAVAUX_TEST_SERVICES:-}" = "private" ] && standard_ports=false

if [ -z "${TRAVAUX_TEST_DATABASE_URL:-}" ]; then
  for candidate in postgres://postgres@127.0.0.1:5432/test postgres://postgres@127.0.0.1:5432/postgres; do
    if $standard_ports && pg_works "$candidate"; then
      TRAVAUX_TEST_DATABASE_URL="$candidate"
      break
    fi
  done
  [ -n "${TRAVAUX_TEST_DATABASE_URL:-}" ] || start_private_postgres
fi
if [ -z "${TRAVAUX_TEST_REDIS_URL:-}" ]; then
  if $standard_ports && redis_works redis://127.0.0.1:6379; then
    TRAVAUX_TEST_REDIS_URL=redis://127.0.0.1:6379
  else
    start_private_redis
  fi
fi
export TRAVAUX_TEST_DATABASE_URL TRAVAUX_TEST_REDIS_URL
# The several-nodes tests put Debian's HAProxy in front of their nodes (started by the test, on a free port), and
# they and the operations tests restart a PostgreSQL and a Redis of their own: the server binaries must be here.
if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then apt_install haproxy; fi
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then apt_install postgresql; fi
command -v redis-server >/dev/null 2>&1 || apt_install redis-server

set +e
"$@"
status=$?
set -e
exit "$status"
