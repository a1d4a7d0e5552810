#!/usr/bin/env bash
# The OD aggregation + Gi* pipeline at growing sizes, embedded (DuckDB + kernels) against Spark local[2], each in its
# own JVM, printing one JSON line per run with its times and peak resident memory.
#
#   mvn -o -q -pl madang-spark -am package -DskipTests      # once
#   madang-spark/run-bench.sh 1000000 10000000 [100000000]  # sizes in trips (default 1000000)
#
# Each size's synthetic trips file (SyntheticTrips, seed 2013, about 45 bytes a trip) is written once under
# $BENCH_DIR (default /tmp/madang-bench). 100M trips is ~4.5 GB of CSV and a long run: do it on a quiet machine.
# JVM heap: $BENCH_HEAP (default 8g), so that each path can show how far it gets within the machine's memory.
# Both engines ingest the trips into DuckDB first; the Spark run then exports them as Parquet (export_s) and runs the
# jobs on that export, so both report the same pairs and cells. A run that fails prints "failed": true with its log and
# "out_of_memory": true when it died of memory (a Java OutOfMemoryError, DuckDB's out-of-memory error, or the kernel's
# OOM killer, or Spark refusing a heap too small to start).
set -euo pipefail
cd "$(dirname "$0")"
TARGET=$PWD/target
[[ -f $TARGET/madang-spark.jar && -d $TARGET/test-classes ]] || { echo "build first: mvn -o -q -pl madang-spark -am package -DskipTests" >&2; exit 1; }
FLAGS=$(grep -v '^$' src/main/resources/org/madang/spark/jvm-flags.txt | tr '\n' ' ')
# the embedded side needs madang-engine and its libraries (test scope here): take them from Maven's resolution
[[ -f $TARGET/bench-classpath.txt ]] || (cd .. && mvn -o -q -pl madang-spark dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$TARGET/bench-classpath.txt" >&2)
# ... but this checkout's engine and analytics, not the SNAPSHOTs installed in ~/.m2 (built by the package command above)
ROOT=$(cd .. && pwd)
CP="$TARGET/test-classes:$TARGET/classes:$(sed -E "s#[^:]*/org/madang/(madang-[a-z]+)/[^/:]+/[^/:]+\.jar#$ROOT/\1/target/classes#g" "$TARGET/bench-classpath.txt")"
DIR=${BENCH_DIR:-/tmp/madang-bench}
HEAP=${BENCH_HEAP:-8g}
mkdir -p "$DIR"
for n in "${@:-1000000}"; do
  trips=$DIR/trips-$n.csv
  [[ -f $trips ]] || java -cp "$CP" org.madang.spark.SyntheticTrips "$trips" "$n" 2013 > /dev/null
  for engine in embedded spark; do
    work=$(mktemp -d "$DIR/run-$engine-$n.XXXXXX")
    rc=0
    # shellcheck disable=SC2086
    java $FLAGS -Xmx$HEAP -XX:+ExitOnOutOfMemoryError -cp "$CP" org.madang.spark.ScaleBenchmark "$trips" "$engine" "$work" \
      > "$work.out" 2> "$work.log" || rc=$?
    if [[ $rc -eq 0 ]] && grep -q '^{' "$work.out"; then
      sed "s/^{/{\"trips\":$n,/" "$work.out"
      rm -f "$work.log"   # kept only when the run failed
    else
      oom=false
      # 137: killed by SIGKILL, which on a run like this is the kernel's OOM killer
      if [[ $rc -eq 137 ]] || grep -qE 'OutOfMemoryError|Out of Memory Error|could not allocate|INVALID_DRIVER_MEMORY' "$work.log"; then oom=true; fi
      echo "{\"trips\":$n,\"engine\":\"$engine\",\"failed\":true,\"exit_code\":$rc,\"out_of_memory\":$oom,\"log\":\"$work.log\"}"
    fi
    rm -rf "$work" "$work.out"
  done
done
