#!/usr/bin/env bash
# Issue 5's sandbox benchmark: the same aggregate queries over a synthetic 10M-row card-sales table through
# POST /api/sql and through a plain DuckDB database over JDBC (the peer), side by side in one JVM, then 20 analysts at
# once against both; see SandboxOverheadBenchmark in madang-app's tests and docs/BENCHMARKS.md.
# The CSV is written once to /tmp/madang-bench-sandbox (≈380 MB for 10M rows) and reused.
#
#   bash madang-bench/run-issue5-sandbox.sh                      # 10M rows, 7 rounds, 2 x 30 s per way with 20 analysts
#   bash madang-bench/run-issue5-sandbox.sh --rows 1000000 --rounds 3 --seconds 10 --conc-rounds 1   # quick check
#   other options: --analysts 20 --threads 2 --memory 2GB --per-user N --concurrent N --queue-wait 30s --skip-concurrency --keep
#
# Builds the engine and the app from this checkout (`-pl madang-app -am`, never `install`): the classpath names the
# modules' target/classes, so ~/.m2 is only read.
set -euo pipefail
cd "$(dirname "$0")/.."
# maven-dependency-plugin 2.8: the newer versions in the shared ~/.m2 lack dependencies offline
mvn -B -q -o -pl madang-app -am test-compile org.apache.maven.plugins:maven-dependency-plugin:2.8:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="madang-app/target/test-classes:madang-app/target/classes:$(cat madang-app/target/bench-classpath.txt)"
echo "uptime: $(uptime)"
nice -n 10 java -Xmx4g -cp "$CP" org.madang.campus.SandboxOverheadBenchmark "$@"
echo "uptime: $(uptime)"
