#!/usr/bin/env bash
# Issue 3's SSE fan-out benchmark: observations pushed at a steady rate through POST /api/feeds/{feed}/observations
# to 1,000 concurrent SSE clients of /api/feeds/{feed}/stream, against the same pushes with one client (the floor);
# the platform and the clients in one JVM. See SseFanOutBenchmark in madang-app's tests and docs/BENCHMARKS.md.
#
#   bash madang-bench/run-issue3-sse.sh                                  # 1,000 clients, 10 pushes/s of 10 observations, 60 s
#   bash madang-bench/run-issue3-sse.sh --clients 100 --seconds 15       # quick check
#   other options: --rate 10 --batch 10 --rounds 1
#
# Builds the engine and the app from this checkout (`-pl madang-app -am`, never `install`).
set -euo pipefail
cd "$(dirname "$0")/.."
# two sockets per client in one JVM (the client's and the server's), plus the platform's own files
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "open files limit: $(ulimit -n)"
mvn -B -q -o -pl madang-app -am test-compile org.apache.maven.plugins:maven-dependency-plugin:2.8:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="madang-app/target/test-classes:madang-app/target/classes:$(cat madang-app/target/bench-classpath.txt)"
echo "uptime: $(uptime)"
nice -n 10 java -Xmx2g -cp "$CP" org.madang.feeds.SseFanOutBenchmark "$@"
echo "uptime: $(uptime)"
