#!/usr/bin/env bash
# Stops the server started by start-test-postgres.sh.
set -uo pipefail
DIR="${STORELENS_TEST_PG_DIR:-/tmp/storelens-test-pg}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$BIN" ] && [ -d "$DIR/data" ] || exit 0
if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >&2; else "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >&2; fi
