#!/usr/bin/env bash
# Issue 3's MQTT ingest benchmark: the broker floor (mosquitto_pub -l → mosquitto_sub) and Madang (the platform started
# in-process with --mqtt on a private Mosquitto that neither drops nor throttles QoS 1 messages: max_queued_messages 0,
# max_inflight_messages 5000) side by side in one run; see MqttIngestBenchmark in madang-app's tests and
# docs/BENCHMARKS.md. About 3 minutes with the defaults (the Seoul demo loads first, for its feeds).
#
#   bash madang-bench/run-issue3-mqtt.sh [--seconds 20] [--single-rate 5000] [--batch-rate 60]
#   bash madang-bench/run-issue3-mqtt.sh --soak 600            # 10-minute soak at 60 x 1,000 obs/s: heap before/after
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o install -DskipTests
mvn -B -q -o -pl madang-app test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="madang-app/target/test-classes:madang-app/target/classes:$(cat madang-app/target/bench-classpath.txt)"
nice -n 10 java -Xmx2g -cp "$CP" org.madang.feeds.source.MqttIngestBenchmark "$@"
