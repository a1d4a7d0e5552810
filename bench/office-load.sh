#!/usr/bin/env bash
# Load benchmark of the dashboard's data calls (issue 4): what /office and /public ask for, under 64 concurrent clients
# with wrk, next to a static file served by the same server as the ceiling. Starts madang.jar on a fresh data dir with
# the Seoul demo (its air replay running, so the status changes every 5 s as it would live), on 127.0.0.1 only, and
# stops it afterwards. The page's first render is measured in Chromium by OfficeFirstRenderBenchmark (BENCHMARKS.md).
#
#   bash bench/office-load.sh [seconds-per-run (default 20)] [connections (default 64)]
#
# Needs: a built jar (mvn -q -DskipTests package) and wrk (installed from Debian when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-20}"
CONNECTIONS="${2:-64}"
PORT=18094
DATA="$(mktemp -d)"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
[ -f madang-app/target/madang.jar ] || mvn -q -DskipTests package

MADANG_ADMIN_PASSWORD=bench-password java -Xmx2g -jar madang-app/target/madang.jar --port "$PORT" --data-dir "$DATA" >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 180); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" | grep -q UP && break
  sleep 1
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); java $(java -version 2>&1 | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk: ${CONNECTIONS} connections, 2 threads, ${DURATION}s per endpoint, after a 5 s warm-up each"
run() {
  local name="$1" url="$2"
  wrk -t2 -c"$CONNECTIONS" -d5s "$url" >/dev/null
  echo "== $name  $url"
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url" | grep -E "^\s+(50|99)%|Requests/sec|Non-2xx|Socket errors"
}
B="http://127.0.0.1:$PORT"
run "static file (ceiling)" "$B/css/office.css"
run "office summary" "$B/api/office/summary"
run "districts GeoJSON" "$B/api/districts"
run "indicators with histories (the page's call)" "$B/api/indicators?include=history"
run "indicators" "$B/api/indicators"
run "indicator history" "$B/api/indicators/breathing-pm25-mean/history"
run "open alerts" "$B/api/alerts?status=open"
run "district drill-down (public)" "$B/api/office/districts/11110?audience=public"
