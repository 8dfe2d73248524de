#!/usr/bin/env bash
# Fuzz the API from its own OpenAPI schema with schemathesis against a live gunicorn, once per actor (a firm, an
# institute, a platform administrator), each on its own fresh copy of the seeded demo database.
#
#   bash ci/schemathesis.sh                  # all three actors
#   bash ci/schemathesis.sh firm             # only some of them (firm, institute, admin)
#
# Checks: not_a_server_error, status_code_conformance, response_schema_conformance. Exits non-zero on any failure.
# Knobs (environment):
#   SCHEMATHESIS_MAX_EXAMPLES  test cases per operation (default 4)
#   SCHEMATHESIS_MAX_TIME      seconds per actor before the run is cut off and counted as failed (default 300)
#   SCHEMATHESIS_PORT          the server's port on 127.0.0.1 (default 8765)
#   SCHEMATHESIS_WORKERS       schemathesis threads (default 1: with more, Python 3.11's ast module sometimes fails
#                              inside Hypothesis - "AST constructor recursion depth mismatch" - and the run errors)
#   SCHEMATHESIS_SEED          Hypothesis seed (fixed by default, so a run is reproducible)
#   SCHEMATHESIS_REPORT_DIR    keep the server logs and ndjson reports there (default: a temp dir, removed)
#   SCHEMATHESIS_SEEDED        a folder with an already seeded db.sqlite3, search/ and media/: skips migrate + seed_demo
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-.venv/bin/python}"
BIN="$(dirname "$PY")"
PORT="${SCHEMATHESIS_PORT:-8765}"
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-4}"
MAX_TIME="${SCHEMATHESIS_MAX_TIME:-300}"
WORKERS="${SCHEMATHESIS_WORKERS:-1}"
SEED="${SCHEMATHESIS_SEED:-20260}"
BASE="http://127.0.0.1:${PORT}"
PASSWORD="kjdsc2026"

declare -A USERS=([firm]=yy_appliance [institute]=zju_robot [admin]=reviewer)
ACTORS=("$@")
((${#ACTORS[@]})) || ACTORS=(firm institute admin)

WORK="$(mktemp -d -t kjdsc-schemathesis.XXXXXX)"
REPORTS="${SCHEMATHESIS_REPORT_DIR:-$WORK/reports}"
mkdir -p "$REPORTS"
SERVER_PID=""

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
cleanup() {
  stop_server
  rm -rf "$WORK/seed" "$WORK"/run-*
  [[ -n "${SCHEMATHESIS_REPORT_DIR:-}" ]] || rm -rf "$WORK"
}
trap cleanup EXIT

log() { printf '\n=== %s ===\n' "$*"; }

# The environment of one database copy: SQLite, its own search index and media, tasks in-process, no throttling of
# the token endpoint (schemathesis posts to it far more often than a person).
use_copy() {
  export DATABASE_URL="sqlite:///$1/db.sqlite3" SEARCH_PATH="$1/search" MEDIA_ROOT="$1/media"
  export TASK_BACKEND=immediate SEARCH_BACKEND=tantivy AUTH_THROTTLE_RATE="100000/min" LOG_LEVEL=WARNING
}

if curl -fsS --max-time 2 "$BASE/healthz" >/dev/null 2>&1; then
  echo "error: something already answers on $BASE; set SCHEMATHESIS_PORT" >&2
  exit 1
fi

started=$SECONDS
if [[ -n "${SCHEMATHESIS_SEEDED:-}" ]]; then
  # A folder already holding a migrated, seeded db.sqlite3 (+ search/, media/): each actor still gets its own copy.
  log "reuse the seeded demo market in $SCHEMATHESIS_SEEDED"
  cp -a "$SCHEMATHESIS_SEEDED" "$WORK/seed"
else
  log "seed the demo market once ($WORK/seed)"
  mkdir -p "$WORK/seed"
  (
    use_copy "$WORK/seed"
    "$PY" manage.py migrate --noinput >"$REPORTS/seed.log" 2>&1
    "$PY" manage.py seed_demo >>"$REPORTS/seed.log" 2>&1
  ) || { tail -30 "$REPORTS/seed.log"; exit 1; }
  echo "seeded in $((SECONDS - started)) s"
fi

status=0
for actor in "${ACTORS[@]}"; do
  user="${USERS[$actor]:-}"
  [[ -n "$user" ]] || { echo "unknown actor $actor (firm, institute, admin)" >&2; exit 2; }
  log "schemathesis as $actor ($user)"
  copy="$WORK/run-$actor"
  cp -a "$WORK/seed" "$copy"
  (
    use_copy "$copy"
    exec "$BIN/gunicorn" marketplace.wsgi --bind "127.0.0.1:${PORT}" --workers 2 --timeout 60 \
      --access-logfile - --error-logfile - >"$REPORTS/server-$actor.log" 2>&1
  ) &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -fsS --max-time 2 "$BASE/healthz" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -30 "$REPORTS/server-$actor.log"; exit 1; }
    sleep 1
  done
  token="$(curl -fsS --max-time 30 -H 'Content-Type: application/json' \
    -d "{\"username\": \"$user\", \"password\": \"$PASSWORD\"}" "$BASE/api/v1/auth/token/" \
    | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
  if [[ ! -s "$WORK/schema.json" ]]; then
    # Generating the schema takes longer than schemathesis waits for it: fetch it once, test from the file.
    curl -fsS --max-time 120 -H 'Accept: application/vnd.oai.openapi+json' "$BASE/api/schema/" >"$WORK/schema.json"
  fi
  actor_started=$SECONDS
  # DELETE auth/token would revoke the very token the run uses; everything else is fair game.
  if ! timeout --kill-after=10 "$MAX_TIME" "$BIN/schemathesis" run "$WORK/schema.json" --url "$BASE" \
    --header "Authorization: Token $token" \
    --checks not_a_server_error,status_code_conformance,response_schema_conformance \
    --exclude-operation-id v1_auth_token_destroy \
    --phases examples,fuzzing \
    --max-examples "$MAX_EXAMPLES" --seed "$SEED" \
    --workers "$WORKERS" --request-timeout 30 --no-shrink --generation-database none \
    --suppress-health-check all --warnings off \
    --report ndjson --report-ndjson-path "$REPORTS/schemathesis-$actor.ndjson" \
    --no-color; then
    status=1
    echo "schemathesis found failures as $actor (server log: $REPORTS/server-$actor.log)"
    grep -E '" 5[0-9][0-9] ' "$REPORTS/server-$actor.log" | tail -5 || true
  fi
  echo "$actor: $((SECONDS - actor_started)) s"
  stop_server
  rm -rf "$copy"
done

log "schemathesis done in $((SECONDS - started)) s (exit $status)"
exit $status
