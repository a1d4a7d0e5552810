package org.madang.spark;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Runs one analysis job on Spark: {@code SparkAnalysisJob <path/to/job.json>}. The master comes from Spark's own
 * configuration ({@code -Dspark.master=...} or spark-submit's {@code --master}), {@code local[2]} when none is set.
 *
 * <p>Standard output carries only JSON lines ({@link JobEvents}); logs go to standard error. Exit code 0 when the
 * output is complete, 2 for a bad job file or input (missing path, wrong schema), 3 when the master cannot be reached
 * or the cluster fails the job, 1 otherwise. The output is written beside {@code output} under a temporary name and
 * renamed into place only when complete, so a job that fails or is killed leaves no output.
 *
 * <p>What runs where: the executors read the inputs and do everything that grows with them (placing points and trips
 * in H3 cells or districts with the analytics library's own functions, grouping, the cells' neighbourhood sums); the
 * output is one row per group, which the engine turns into the result with the same code as the embedded run.
 */
public final class SparkAnalysisJob {

  static final String DEFAULT_MASTER = "local[2]";
  /** How long the reachability check of a standalone master waits before the job fails (exit 3). */
  static final int CONNECT_TIMEOUT_MS = 3000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SparkAnalysisJob() {}

  public static void main(String[] args) {
    PrintStream events = System.out;
    // whatever a library prints goes to the log stream, so that standard output stays JSON lines
    System.setOut(System.err);
    int exit = run(args, new JobEvents(events));
    System.exit(exit);
  }

  /** Runs the job in a session of its own, reporting to {@code events}; returns the exit code. */
  static int run(String[] args, JobEvents events) {
    try {
      if (args.length != 1) {
        throw JobFailure.invalid("Give one argument, the path of the job file (job.json).", "job");
      }
      JobFile job = JobFile.read(java.nio.file.Path.of(args[0]));
      SparkConf conf = new SparkConf();
      String master = conf.get("spark.master", DEFAULT_MASTER);
      requireReachable(master);
      InputTable.precheck(job, job.inputNames());
      SparkSession spark = session(conf, master, job.kind());
      try {
        events.started(spark.sparkContext().applicationId(), master);
        spark.sparkContext().addSparkListener(new StageProgress(events, 250));
        long rows = execute(spark, job);
        events.done(rows);
        return 0;
      } finally {
        spark.stop();
      }
    } catch (JobFailure f) {
      events.error(f);
      return f.code().exitCode;
    } catch (Throwable t) {
      JobFailure f = classify(t);
      t.printStackTrace();
      events.error(f);
      return f.code().exitCode;
    }
  }

  static SparkSession session(SparkConf conf, String master, String kind) {
    conf.setMaster(master);
    conf.setIfMissing("spark.app.name", "madang-" + kind);
    conf.setIfMissing("spark.ui.enabled", "false");
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    conf.setIfMissing("spark.sql.shuffle.partitions", "16");
    // the engine's exports are partitioned by district_code, which is text (11110), not a number
    conf.setIfMissing("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
    conf.setIfMissing("spark.network.timeout", "60s");
    if (master.startsWith("local")) {
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
    }
    try {
      return SparkSession.builder().config(conf).getOrCreate();
    } catch (RuntimeException e) {
      throw new JobFailure(JobFailure.Code.EXTERNAL, "Spark could not start on " + master + ": " + InputTable.firstLine(e.getMessage()), "master", e);
    }
  }

  /**
   * A standalone master ({@code spark://host:port[,host:port]}) that accepts no connection within seconds fails the job
   * at once: Spark itself would retry registration for a minute before giving up.
   */
  static void requireReachable(String master) {
    if (!master.startsWith("spark://")) {
      return;
    }
    for (String hostPort : master.substring("spark://".length()).split(",")) {
      int colon = hostPort.lastIndexOf(':');
      String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      int port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1).replaceAll("/.*", ""));
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        return;
      } catch (IOException e) {
        // try the next master
      }
    }
    throw new JobFailure(JobFailure.Code.EXTERNAL, "The Spark master " + master + " cannot be reached.", "master", null);
  }

  static JobFailure classify(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof JobFailure f) {
        return f;
      }
    }
    if (t instanceof SparkException || (t.getCause() instanceof SparkException)) {
      return new JobFailure(JobFailure.Code.EXTERNAL, "The Spark cluster failed the job: " + InputTable.firstLine(t.getMessage()), null, t);
    }
    return new JobFailure(JobFailure.Code.INTERNAL, "The job failed: " + InputTable.firstLine(t.getClass().getSimpleName() + ": " + t.getMessage()), null, t);
  }

  /** Runs the job in a session the caller owns and writes its output; returns the rows written. */
  static long execute(SparkSession spark, JobFile job) {
    registerFunctions(spark, job);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("kind", job.kind());
    Dataset<Row> result = job.kind().equals("kde") ? SparkDensity.run(spark, job, summary)
        : job.kind().equals("dbscan") ? SparkDbscan.run(spark, job, summary)
        : job.kind().equals("hotspot") ? cellNeighbourhoods(spark, job, summary)
        : job.parameter("mode").equals("flows") ? flows(spark, job, summary) : points(spark, job, summary);
    summary.put("master", spark.sparkContext().master());
    summary.put("app_id", spark.sparkContext().applicationId());
    return write(spark, job, result, summary);
  }

  private static void registerFunctions(SparkSession spark, JobFile job) {
    spark.udf().register("madang_cell", (UDF3<Double, Double, Integer, String>) Places::cell, DataTypes.StringType);
    spark.udf().register("madang_disk", (UDF2<String, Integer, String[]>) (a, k) -> Places.disk(a, k).toArray(new String[0]),
        DataTypes.createArrayType(DataTypes.StringType));
    Places places = Places.of(job.districts());
    spark.udf().register("madang_district", (UDF2<Double, Double, String>) places::district, DataTypes.StringType);
  }

  /** Points counted and weights summed per H3 cell or district. */
  private static Dataset<Row> points(SparkSession spark, JobFile job, Map<String, Object> summary) {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("value", null);
    defaults.put("district_code", null);
    Dataset<Row> in = testHooks(job, InputTable.read(spark, job, "input", List.of("lon", "lat", "value"), List.of("district_code"), defaults), "lon");
    String by = job.parameter("by");
    int resolution = job.integerParameter("h3_resolution");
    Column key = by.equals("h3") ? callUDF("madang_cell", col("lat"), col("lon"), lit(resolution))
        : job.districts().size() > 0 ? coalesce(col("district_code"), callUDF("madang_district", col("lon"), col("lat"))) : col("district_code");
    Column weight = job.flag("weighted") ? coalesce(col("value"), lit(0.0)) : lit(1.0);
    Dataset<Row> groups = in.select(key.as("key"), weight.as("w")).groupBy("key").agg(count(lit(1)).as("rows"), sum("w").as("weight")).cache();
    Row totals = groups.agg(sum("rows"), sum(when(col("key").isNull(), col("rows")).otherwise(0))).first();
    long all = totals.isNullAt(0) ? 0 : totals.getLong(0);
    long unplaced = totals.isNullAt(1) ? 0 : totals.getLong(1);
    summary.put("points", all - unplaced);
    summary.put("left_out", unplaced);
    return groups.filter(col("key").isNotNull())
        .select(col("key"), lit(null).cast(DataTypes.StringType).as("destination"), col("rows"), col("weight"));
  }

  /** Trips summed into the matrix between the cells, districts or codes of their ends. */
  private static Dataset<Row> flows(SparkSession spark, JobFile job, Map<String, Object> summary) {
    boolean coordinates = job.flag("coordinates");
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("trips", 1.0);
    Dataset<Row> in = coordinates
        ? InputTable.read(spark, job, "flows", List.of("from_lon", "from_lat", "to_lon", "to_lat", "trips"), List.of(), defaults)
        : InputTable.read(spark, job, "flows", List.of("trips"), List.of("from_code", "to_code"), defaults);
    in = testHooks(job, in, "trips");
    Column origin;
    Column destination;
    if (!coordinates) {
      origin = col("from_code");
      destination = col("to_code");
    } else if (job.parameter("by").equals("h3")) {
      int resolution = job.integerParameter("h3_resolution");
      origin = callUDF("madang_cell", col("from_lat"), col("from_lon"), lit(resolution));
      destination = callUDF("madang_cell", col("to_lat"), col("to_lon"), lit(resolution));
    } else {
      origin = callUDF("madang_district", col("from_lon"), col("from_lat"));
      destination = callUDF("madang_district", col("to_lon"), col("to_lat"));
    }
    Dataset<Row> groups = in.select(origin.as("key"), destination.as("destination"), col("trips"))
        .groupBy("key", "destination").agg(count(lit(1)).as("all"), count("trips").as("rows"), sum("trips").as("weight")).cache();
    Column placed = col("key").isNotNull().and(col("destination").isNotNull());
    Row totals = groups.agg(sum("all"), sum(when(placed, col("rows")).otherwise(0))).first();
    long all = totals.isNullAt(0) ? 0 : totals.getLong(0);
    long used = totals.isNullAt(1) ? 0 : totals.getLong(1);
    summary.put("flows", used);
    summary.put("left_out", all - used);
    return groups.filter(placed.and(col("rows").gt(0))).select(col("key"), col("destination"), col("rows"), col("weight"));
  }

  /**
   * Points binned into H3 cells (count, or sum of value), then each cell's neighbourhood sums over the cells within
   * {@code rings} steps that have points: Σ_j w_ij x_j ({@code lag}) and Σ_j w_ij ({@code weight_sum}, binary weights,
   * so also Σ_j w_ij²); for Gi* the cell itself is among its neighbours, for Gi it is not.
   */
  private static Dataset<Row> cellNeighbourhoods(SparkSession spark, JobFile job, Map<String, Object> summary) {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("value", null);
    Dataset<Row> in = testHooks(job, InputTable.read(spark, job, "input", List.of("lon", "lat", "value"), List.of(), defaults), "lon");
    int resolution = job.integerParameter("h3_resolution");
    int rings = job.integerParameter("rings");
    boolean star = !job.parameter("statistic").equals("gi");
    Column value = job.flag("valued") ? col("value") : lit(1.0);
    Dataset<Row> binned = in.select(callUDF("madang_cell", col("lat"), col("lon"), lit(resolution)).as("h3_address"), value.as("v"))
        .groupBy("h3_address").agg(count(lit(1)).as("points"), sum("v").as("value")).cache();
    Row totals = binned.agg(sum("points"), sum(when(col("h3_address").isNull(), col("points")).otherwise(0))).first();
    long all = totals.isNullAt(0) ? 0 : totals.getLong(0);
    long unplaced = totals.isNullAt(1) ? 0 : totals.getLong(1);
    summary.put("points", all - unplaced);
    summary.put("left_out", unplaced);
    Dataset<Row> cells = binned.filter(col("h3_address").isNotNull());
    Dataset<Row> pairs = cells.select(col("h3_address"), explode(callUDF("madang_disk", col("h3_address"), lit(rings))).as("near"));
    if (!star) {
      pairs = pairs.filter(col("near").notEqual(col("h3_address")));
    }
    Dataset<Row> sums = pairs.join(cells.select(col("h3_address").as("near"), col("value").as("near_value")), "near")
        .groupBy("h3_address").agg(sum("near_value").as("lag"), count(lit(1)).as("weight_sum")).withColumnRenamed("h3_address", "summed");
    return cells.join(sums, col("h3_address").equalTo(col("summed")), "left")
        .select(col("h3_address"), col("points"), col("value"), coalesce(col("lag"), lit(0.0)).as("lag"),
            coalesce(col("weight_sum"), lit(0L)).cast(DataTypes.DoubleType).as("weight_sum"));
  }

  /** Tasks already delayed, by attempt id (the delay hook sleeps once per task). */
  private static final Set<Long> DELAYED = ConcurrentHashMap.newKeySet();

  /**
   * Test-only switches from the job file's {@code test} object: {@code fail_first_attempt} makes the first attempt of
   * the first partition's task fail (Spark retries it when {@code spark.task.maxFailures} allows, e.g. {@code
   * local[2,3]}); {@code task_delay_ms} makes each task sleep once, so that a job can be killed mid-way.
   */
  private static Dataset<Row> testHooks(JobFile job, Dataset<Row> in, String column) {
    boolean fail = job.testHooks().path("fail_first_attempt").asBoolean(false);
    long delay = job.testHooks().path("task_delay_ms").asLong(0);
    if (!fail && delay == 0) {
      return in;
    }
    UserDefinedFunction hook = org.apache.spark.sql.functions.udf((UDF1<Double, Double>) v -> {
      TaskContext task = TaskContext.get();
      if (fail && task.partitionId() == 0 && task.attemptNumber() == 0) {
        throw new IllegalStateException("test hook: the first attempt of partition 0 fails");
      }
      if (delay > 0 && DELAYED.add(task.taskAttemptId())) {
        Thread.sleep(delay);
      }
      return v;
    }, DataTypes.DoubleType).asNondeterministic();
    return in.withColumn(column, hook.apply(col(column)));
  }

  /** Writes rows and summary beside the output under a temporary name, then renames the whole into place. */
  private static long write(SparkSession spark, JobFile job, Dataset<Row> result, Map<String, Object> summary) {
    Path output = new Path(job.output());
    FileSystem fs;
    try {
      fs = output.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(output)) {
        throw JobFailure.invalid("The output " + output + " already exists; a job writes a new output.", "output");
      }
    } catch (IOException e) {
      throw new JobFailure(JobFailure.Code.EXTERNAL, "The output " + output + " cannot be checked: " + InputTable.firstLine(e.getMessage()), "output", e);
    }
    Path temporary = new Path(output.getParent(), "." + output.getName() + "-" + UUID.randomUUID() + ".tmp");
    boolean renamed = false;
    try {
      Path rows = new Path(temporary, "rows");
      result.write().parquet(rows.toString());
      long count = spark.read().parquet(rows.toString()).count();
      summary.put("rows", count);
      List<String> columns = new ArrayList<>(List.of(result.columns()));
      summary.put("columns", columns);
      try (OutputStream out = fs.create(new Path(temporary, "summary.json"), false)) {
        out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary).getBytes(StandardCharsets.UTF_8));
      }
      if (!fs.rename(temporary, output)) {
        throw new JobFailure(JobFailure.Code.EXTERNAL, "The output could not be moved into place at " + output + ".", "output", null);
      }
      renamed = true;
      return count;
    } catch (IOException e) {
      throw new JobFailure(JobFailure.Code.EXTERNAL, "The output cannot be written: " + InputTable.firstLine(e.getMessage()), "output", e);
    } finally {
      if (!renamed) {
        try {
          fs.delete(temporary, true);
        } catch (IOException ignored) {
          // a leftover temporary directory is never taken for an output
        }
      }
    }
  }
}
