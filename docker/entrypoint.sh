#!/bin/sh
# Prepares the database before the main process starts, then execs the command.
#   web (gunicorn / manage.py runserver): wait for DB, migrate, optionally seed_demo.
#   worker (manage.py db_worker): wait until the web container has applied migrations;
#     it never migrates itself, so two containers never race on the schema.
#   anything else (shell, one-off commands): exec'd untouched.
set -e

: "${DJANGO_SETTINGS_MODULE:=marketplace.settings}"
export DJANGO_SETTINGS_MODULE

WAIT_RETRIES="${WAIT_RETRIES:-60}"   # attempts, WAIT_INTERVAL seconds apart
WAIT_INTERVAL="${WAIT_INTERVAL:-2}"

log() {
    echo "entrypoint: $*" >&2
}

# retry DESCRIPTION CMD...: run CMD until it succeeds or WAIT_RETRIES is exhausted.
# Output is hidden while retrying but shown on give-up, so config errors aren't silent.
retry() {
    desc=$1
    shift
    attempt=1
    while :; do
        if output=$("$@" 2>&1); then
            return 0
        fi
        if [ "$attempt" -ge "$WAIT_RETRIES" ]; then
            log "gave up waiting for $desc after $attempt attempts; last output:"
            printf '%s\n' "$output" >&2
            return 1
        fi
        log "waiting for $desc ($attempt/$WAIT_RETRIES)"
        attempt=$((attempt + 1))
        sleep "$WAIT_INTERVAL"
    done
}

# `manage.py check --database` doesn't open a connection on PostgreSQL, so connect explicitly.
db_ready() {
    python -c 'import django; django.setup(); from django.db import connection; connection.ensure_connection()'
}

role=other
case "${1:-}" in
    gunicorn)
        role=web
        # gunicorn's default worker count comes from WEB_CONCURRENCY.
        WEB_CONCURRENCY="${WEB_CONCURRENCY:-${GUNICORN_WORKERS:-3}}"
        export WEB_CONCURRENCY
        ;;
    python|python3)
        case "${2:-} ${3:-}" in
            "manage.py runserver") role=web ;;
            "manage.py db_worker") role=worker ;;
        esac
        ;;
esac

case "$role" in
    web)
        retry "database" db_ready
        python manage.py migrate --noinput
        if [ "${SEED_DEMO:-0}" = "1" ]; then
            log "SEED_DEMO=1: loading demo data"
            python manage.py seed_demo
        fi
        # An upgrade may change the index schema: rebuild it then (else repair drift). Search being down must not
        # keep the site from starting (pages answer without it and say so).
        python manage.py search_index ensure || log "search index not ready: run manage.py search_index rebuild"
        ;;
    worker)
        # migrate --check exits non-zero while migrations are unapplied (or the DB is down).
        retry "migrations to be applied" python manage.py migrate --check
        ;;
esac

exec "$@"
