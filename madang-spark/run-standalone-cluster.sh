#!/usr/bin/env bash
# Runs one Madang Spark job on a real standalone cluster started from the jars on this machine, one master and one
# worker on loopback, then the same job on local[2], compares the two outputs and stops the cluster.
#
#   mvn -o -q -pl madang-spark -am package -DskipTests   # once: madang-spark.jar, spark-classpath/, test classes
#   madang-spark/run-standalone-cluster.sh [trips]       # default 200000 synthetic trips
#
# The worker launches executors from SPARK_HOME/jars, so the script makes a SPARK_HOME whose jars/ holds the
# spark-classpath jars and madang-spark.jar. Exit 0 when both runs wrote the same rows.
set -euo pipefail
cd "$(dirname "$0")"
TRIPS=${1:-200000}
TARGET=$PWD/target
[[ -f $TARGET/madang-spark.jar && -d $TARGET/spark-classpath && -d $TARGET/test-classes ]] || {
  echo "build first: mvn -o -q -pl madang-spark -am package -DskipTests" >&2; exit 1; }
FLAGS=$(grep -v '^$' src/main/resources/org/madang/spark/jvm-flags.txt | tr '\n' ' ')
CP="$TARGET/madang-spark.jar:$TARGET/spark-classpath/*"
WORK=$(mktemp -d /tmp/madang-standalone.XXXXXX)
export SPARK_HOME=$WORK/spark-home SPARK_SCALA_VERSION=2.13 SPARK_LOG_DIR=$WORK/logs SPARK_WORKER_DIR=$WORK/worker SPARK_LOCAL_IP=127.0.0.1
mkdir -p "$SPARK_HOME/jars" "$SPARK_LOG_DIR" "$SPARK_WORKER_DIR"
# the master and worker log at INFO (the job's own log4j2.properties keeps only warnings)
printf '%s\n' 'rootLogger.level = info' 'rootLogger.appenderRef.stderr.ref = stderr' 'appender.stderr.type = Console' \
  'appender.stderr.name = stderr' 'appender.stderr.target = SYSTEM_ERR' 'appender.stderr.layout.type = PatternLayout' \
  'appender.stderr.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n' > "$WORK/log4j2-daemons.properties"
DAEMON="-Dlog4j2.configurationFile=file:$WORK/log4j2-daemons.properties"
ln -s "$TARGET"/spark-classpath/*.jar "$TARGET/madang-spark.jar" "$SPARK_HOME/jars/"

pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT

# shellcheck disable=SC2086
java $FLAGS $DAEMON -Xmx512m -cp "$CP" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077 --webui-port 18080 \
  > "$SPARK_LOG_DIR/master.log" 2>&1 & pids+=($!)
for _ in $(seq 60); do (echo > /dev/tcp/127.0.0.1/7077) 2>/dev/null && break; sleep 1; done
# shellcheck disable=SC2086
java $FLAGS $DAEMON -Xmx512m -cp "$CP" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 --memory 1g \
  --webui-port 18081 spark://127.0.0.1:7077 > "$SPARK_LOG_DIR/worker.log" 2>&1 & pids+=($!)
for _ in $(seq 180); do grep -q "Successfully registered with master" "$SPARK_LOG_DIR/worker.log" && break; sleep 1; done
grep -q "Successfully registered with master" "$SPARK_LOG_DIR/worker.log" || { echo "the worker did not register" >&2; exit 1; }

TESTCP="$TARGET/test-classes:$TARGET/classes:$TARGET/spark-classpath/*"
java -cp "$TESTCP" org.madang.spark.SyntheticTrips "$WORK/trips.csv" "$TRIPS" 2013 > /dev/null
job() {
  mkdir -p "$WORK/$1"
  cat > "$WORK/$1/job.json" <<JSON
{"format": 1, "kind": "aggregate",
 "parameters": {"mode": "flows", "by": "h3", "h3_resolution": 8, "coordinates": true},
 "inputs": {"flows": {"path": "$WORK/trips.csv", "format": "csv",
                      "columns": {"from_lon": "from_lon", "from_lat": "from_lat", "to_lon": "to_lon", "to_lat": "to_lat", "trips": "trips"}}},
 "output": "$WORK/$1/output"}
JSON
  echo "$WORK/$1/job.json"
}
for master in spark://127.0.0.1:7077 'local[2]'; do
  name=$([[ $master == local* ]] && echo local || echo cluster)
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  java $FLAGS -Xmx1g -Dspark.master="$master" -Dspark.executor.memory=512m -cp "$CP" org.madang.spark.SparkAnalysisJob "$(job "$name")" \
    2> "$SPARK_LOG_DIR/$name-job.log" | tee "$WORK/$name.events" | grep -E '"(started|done|error)"'
  printf '%s: %.1f s\n' "$name" "$(echo "$(date +%s.%N) - $start" | bc)"
done
java -cp "$TESTCP" org.madang.spark.OutputComparison "$WORK/cluster/output" "$WORK/local/output"
