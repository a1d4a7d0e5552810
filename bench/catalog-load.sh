#!/usr/bin/env bash
# Load benchmark of the catalog APIs (issue 2): CKAN's datastore_search and package_search under 32 concurrent
# clients with wrk, next to a static file served by the same server as the ceiling. Starts madang.jar on a fresh
# data dir with the Seoul demo, on 127.0.0.1 only, and stops it afterwards.
#
#   bash bench/catalog-load.sh [seconds-per-run (default 20)] [connections (default 32)]
#
# Needs: a built jar (mvn -q -DskipTests package) and wrk (installed from Debian when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-20}"
CONNECTIONS="${2:-32}"
PORT=18089
DATA="$(mktemp -d)"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
[ -f madang-app/target/madang.jar ] || mvn -q -DskipTests package

MADANG_ADMIN_PASSWORD=bench-password java -Xmx2g -jar madang-app/target/madang.jar --port "$PORT" --data-dir "$DATA" >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" | grep -q UP && break
  sleep 1
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); java $(java -version 2>&1 | head -1)"
echo "wrk: ${CONNECTIONS} connections, 2 threads, ${DURATION}s per endpoint, after a 5 s warm-up each"
run() {
  local name="$1" url="$2"
  wrk -t2 -c"$CONNECTIONS" -d5s "$url" >/dev/null
  echo "== $name  $url"
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url" | grep -E "^\s+(50|99)%|Requests/sec|Non-2xx|Socket errors"
}
B="http://127.0.0.1:$PORT"
run "static file (ceiling)" "$B/webjars/leaflet/dist/leaflet.css"
run "datastore_search" "$B/api/3/action/datastore_search?resource_id=bus-stops&limit=100&offset=5000"
run "datastore_search q+filter" "$B/api/3/action/datastore_search?resource_id=bus-stops&q=%EC%97%AD&limit=20"
run "package_search" "$B/api/3/action/package_search?q=%EC%9E%90%EC%A0%84%EA%B1%B0&rows=10"
run "package_search facets" "$B/api/3/action/package_search?rows=20&facet.field=%5B%22organization%22,%22tags%22%5D"
