#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on loopback for the metadata tests and prints the URL
# to use as STORELENS_TEST_DATABASE_URL. Installs Debian's postgresql when it is missing.
# Usage: eval "$(scripts/start-test-postgres.sh)"   (stop it with scripts/stop-test-postgres.sh)
# Test runs at the same time share one server: each registers as a user (its process id,
# STORELENS_TEST_PG_USER, else the caller's), and the stop script stops it only when no live user
# is left. Starting and stopping hold a lock, so two runs never initialise the folder at once.
set -euo pipefail
PORT="${STORELENS_TEST_PG_PORT:-55432}"
DIR="${STORELENS_TEST_PG_DIR:-/tmp/storelens-test-pg}"
USER_ID="${STORELENS_TEST_PG_USER:-$PPID}"
# The lock is this script's alone: the server started below must not inherit it (9>&-).
exec 9>"$DIR.lock"
flock 9
register() { mkdir -p "$DIR/users" && : >"$DIR/users/$USER_ID"; }

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
BIN="$(find_bin)"
if [ -z "$BIN" ]; then
  echo "installing postgresql (Debian package) ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  BIN="$(find_bin)"
fi

# postgres refuses to run as root: run it as the package's postgres user (or the caller).
RUN_AS=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
  RUN_AS=(runuser -u postgres --)
fi

if [ -f "$DIR/data/postmaster.pid" ] && "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  # Already running (another test run started it): share it; every test makes its own database.
  register
  echo "export STORELENS_TEST_DATABASE_URL=postgres://storelens@127.0.0.1:$PORT/postgres"
  echo "export STORELENS_TEST_PG_STARTED=0"
  exit 0
fi
rm -rf "$DIR"
mkdir -p "$DIR"
[ "$(id -u)" = "0" ] && chown postgres "$DIR"
"${RUN_AS[@]}" "$BIN/initdb" -D "$DIR/data" -U storelens --auth=trust -E UTF8 >"$DIR/initdb.log" 2>&1
"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DIR -c fsync=off" start >&2 9>&-
register
echo "export STORELENS_TEST_DATABASE_URL=postgres://storelens@127.0.0.1:$PORT/postgres"
echo "export STORELENS_TEST_PG_STARTED=1"
