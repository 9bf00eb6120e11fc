#!/usr/bin/env bash
# Stops the server started by start-test-postgres.sh once no test run uses it: this caller
# (STORELENS_TEST_PG_USER, else the caller's process id) leaves, and a user still alive keeps it up.
set -uo pipefail
DIR="${STORELENS_TEST_PG_DIR:-/tmp/storelens-test-pg}"
USER_ID="${STORELENS_TEST_PG_USER:-$PPID}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$BIN" ] && [ -d "$DIR/data" ] || exit 0
exec 9>"$DIR.lock"
flock 9
rm -f "$DIR/users/$USER_ID"
for f in "$DIR"/users/*; do
  [ -e "$f" ] || continue
  # A run that died without stopping is no user any more.
  if kill -0 "$(basename "$f")" 2>/dev/null; then exit 0; else rm -f "$f"; fi
done
if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >&2 9>&-; else "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >&2 9>&-; fi
