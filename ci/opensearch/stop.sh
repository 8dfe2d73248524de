#!/usr/bin/env bash
# Stop the node started by start.sh (SIGTERM, then SIGKILL after 30 s).
set -euo pipefail

PIDFILE="${OPENSEARCH_PID:-/tmp/opensearch-node.pid}"
PORT="${OPENSEARCH_HTTP_PORT:-9200}"

if [[ ! -s "$PIDFILE" ]]; then
  echo "no pid file $PIDFILE; nothing to stop"
  exit 0
fi
pid="$(cat "$PIDFILE")"
if ! kill -0 "$pid" 2>/dev/null; then
  echo "opensearch pid $pid is not running"
  rm -f "$PIDFILE"
  exit 0
fi
# Guard against a recycled PID: only stop our own node.
if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'opensearch-ci-node.jar'; then
  echo "pid $pid is not the opensearch-ci-node process; removing stale $PIDFILE" >&2
  rm -f "$PIDFILE"
  exit 0
fi

kill -TERM "$pid"
for _ in $(seq 1 30); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 1
done
if kill -0 "$pid" 2>/dev/null; then
  echo "opensearch pid $pid did not stop in 30 s; sending SIGKILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
  sleep 1
fi
rm -f "$PIDFILE"
echo "opensearch pid $pid stopped (port $PORT)"
