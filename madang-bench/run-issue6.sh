#!/usr/bin/env bash
# The benchmark suite of issue 6 (hot spots, point in polygon, H3, p-median), ours side by side with PostGIS and
# Google OR-Tools. Results go to madang-bench/target/results/<timestamp>/ as Markdown (and JMH's JSON); the figures in
# docs/BENCHMARKS.md were copied from there. About 30 minutes on the project's 2-core machine; every step is bounded
# by `timeout`, and everything runs under `nice` because the machine is shared.
#
#   bash madang-bench/run-issue6.sh [all|spatial|parallel|jmh|pmedian ...]   (default: all four parts, ≈30 min)
#
# spatial   DBSCAN and Gi* on 1M points, point in polygon on 1M and 10M points, against PostGIS in a single
#           PostgreSQL process (temporary tables, as PostgreSQL never runs parallel workers over them)
# parallel  Gi* neighbourhood sum and point in polygon again, with PostGIS allowed two parallel workers
#           (unlogged tables in schema madang_bench, dropped afterwards)
# jmh       JMH: H3 binning of 10M points (1 and 2 threads), DistrictIndex on 10M points, Gi*/weights/DBSCAN on 1M
# pmedian   every shipped OR-Library instance: ours against OR-Tools' SCIP on the exact MIP (60 s per instance)
set -euo pipefail
cd "$(dirname "$0")/.."
PARTS=("$@")
[ "${#PARTS[@]}" -eq 0 ] && PARTS=(all)
want() { for p in "${PARTS[@]}"; do [ "$p" = all ] || [ "$p" = "$1" ] && return 0; done; return 1; }

OUT="madang-bench/target/results/$(date +%Y%m%d-%H%M%S)"
JAR=madang-bench/target/madang-bench.jar
JAVA=(nice -n 10 java -Xmx12g -cp "$JAR")

bash bench/install-bench-deps.sh
mvn -B -q -Pbench -pl madang-bench -am -DskipTests package
mkdir -p "$OUT"
echo "results in $OUT"
START=$(date +%s)

if want spatial; then
  timeout 1200 "${JAVA[@]}" org.madang.bench.SpatialSideBySide --tables temp \
    > "$OUT/spatial-single-process.md" 2> "$OUT/spatial-single-process.log"
fi
if want parallel; then
  timeout 900 "${JAVA[@]}" org.madang.bench.SpatialSideBySide --tables unlogged --only gistar,pip \
    --repeats 2 --peer-repeats 2 --pip-peer-repeats-large 1 \
    > "$OUT/spatial-parallel-postgis.md" 2> "$OUT/spatial-parallel-postgis.log"
fi
if want jmh; then
  timeout 1200 nice -n 10 java -Xmx1g -jar "$JAR" -rf json -rff "$OUT/jmh.json" \
    'H3BinningBenchmark|DistrictAssignmentBenchmark|HotspotBenchmark' > "$OUT/jmh.log" 2>&1
  java -cp "$JAR" org.madang.bench.JmhMedians "$OUT/jmh.json" > "$OUT/jmh.md"
fi
if want pmedian; then
  timeout 1800 "${JAVA[@]}" org.madang.bench.PMedianSideBySide --mip-limit 60 --seeds 3 \
    > "$OUT/pmedian.md" 2> "$OUT/pmedian.log"
fi
echo "suite wall time: $(( $(date +%s) - START )) s" | tee "$OUT/wall-time.txt"
for f in "$OUT"/*.md; do echo; echo "=== $f"; cat "$f"; done
