package org.madang.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * One input of a job as a DataFrame with the job's standard column names: the engine's export (Parquet partitioned by
 * district_code, standard names already) or any Parquet or CSV on shared storage with a column mapping ({@code
 * "columns": {"lon": "x", "lat": "y"}}). A path that does not exist or a missing or non-numeric column is the job's
 * fault (exit 2), named by its job.json field.
 */
final class InputTable {

  private InputTable() {}

  /**
   * @param numbers standard columns read as doubles (missing ones refused unless they have a default)
   * @param defaults the value of standard columns the input may lack (null allowed)
   */
  static Dataset<Row> read(SparkSession spark, JobFile job, String name, List<String> numbers, List<String> texts, java.util.Map<String, Object> defaults) {
    JsonNode input = job.input(name);
    String field = "inputs." + name;
    String path = JobFile.text(input, "path", field + ".path");
    String format = input.path("format").asText("parquet").toLowerCase(Locale.ROOT);
    if (!format.equals("parquet") && !format.equals("csv")) {
      throw JobFailure.invalid("The input '" + name + "' has format '" + format + "'; the job reads parquet and csv.", field + ".format");
    }
    requireExists(spark, path, field + ".path", name);
    Dataset<Row> raw;
    try {
      raw = format.equals("parquet") ? spark.read().parquet(path) : spark.read().option("header", "true").csv(path);
    } catch (RuntimeException e) {
      throw JobFailure.invalid("The input '" + name + "' at " + path + " cannot be read as " + format + ": " + firstLine(e.getMessage()), field + ".path");
    }
    List<Column> select = new ArrayList<>();
    List<String> present = Arrays.asList(raw.columns());
    for (String standard : concat(numbers, texts)) {
      boolean number = numbers.contains(standard);
      String actual = JobFile.mapped(input, standard);
      if (!present.contains(actual)) {
        if (defaults.containsKey(standard)) {
          select.add(lit(defaults.get(standard)).cast(number ? DataTypes.DoubleType : DataTypes.StringType).as(standard));
          continue;
        }
        throw JobFailure.invalid("The input '" + name + "' has no column '" + actual + "' (for " + standard + "); its columns are "
            + String.join(", ", present) + ".", field + ".columns." + standard);
      }
      DataType type = type(raw, actual);
      if (number && format.equals("parquet") && !(type instanceof NumericType)) {
        throw JobFailure.invalid("The column '" + actual + "' of input '" + name + "' holds " + type.simpleString() + ", not numbers.",
            field + ".columns." + standard);
      }
      select.add(col("`" + actual.replace("`", "``") + "`").cast(number ? DataTypes.DoubleType : DataTypes.StringType).as(standard));
    }
    return raw.select(select.toArray(new Column[0]));
  }

  /**
   * Checks before Spark starts what can be checked cheaply, so that a wrong job fails in a second rather than after
   * Spark's start-up: every input's path exists, and a CSV input's header has the columns its mapping names.
   * Paths on file systems this JVM cannot open (no client for the scheme) are left to Spark.
   */
  static void precheck(JobFile job, java.util.Set<String> names) {
    for (String name : names) {
      JsonNode input = job.input(name);
      String field = "inputs." + name;
      String path = JobFile.text(input, "path", field + ".path");
      FileSystem fs;
      Path p;
      try {
        p = new Path(path);
        fs = p.getFileSystem(new org.apache.hadoop.conf.Configuration());
      } catch (IOException | IllegalArgumentException e) {
        continue;
      }
      FileStatus[] found;
      try {
        found = fs.globStatus(p);
      } catch (IOException e) {
        throw JobFailure.invalid("The input '" + name + "' at " + path + " cannot be opened: " + firstLine(e.getMessage()), field + ".path");
      }
      if (found == null || found.length == 0) {
        throw JobFailure.invalid("The input '" + name + "' does not exist at " + path + ".", field + ".path");
      }
      if (input.path("format").asText("parquet").equalsIgnoreCase("csv") && input.path("columns").isObject() && found[0].isFile()) {
        List<String> header;
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(fs.open(found[0].getPath()), java.nio.charset.StandardCharsets.UTF_8))) {
          String line = r.readLine();
          header = line == null ? List.of() : Arrays.stream(line.replace("\uFEFF", "").split(",", -1)).map(h -> h.strip().replaceAll("^\"|\"$", "")).toList();
        } catch (IOException e) {
          throw JobFailure.invalid("The input '" + name + "' at " + path + " cannot be read: " + firstLine(e.getMessage()), field + ".path");
        }
        for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = input.path("columns").fields(); it.hasNext(); ) {
          java.util.Map.Entry<String, JsonNode> e = it.next();
          if (!header.contains(e.getValue().asText())) {
            throw JobFailure.invalid("The input '" + name + "' has no column '" + e.getValue().asText() + "' (for " + e.getKey() + "); its columns are "
                + String.join(", ", header) + ".", field + ".columns." + e.getKey());
          }
        }
      }
    }
  }

  private static DataType type(Dataset<Row> raw, String column) {
    for (StructField f : raw.schema().fields()) {
      if (f.name().equals(column)) {
        return f.dataType();
      }
    }
    return DataTypes.NullType;
  }

  private static void requireExists(SparkSession spark, String path, String field, String name) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      FileStatus[] found = fs.globStatus(p);
      if (found == null || found.length == 0) {
        throw JobFailure.invalid("The input '" + name + "' does not exist at " + path + ".", field);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw JobFailure.invalid("The input '" + name + "' at " + path + " cannot be opened: " + firstLine(e.getMessage()), field);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static String firstLine(String message) {
    String m = message == null ? "" : message.lines().findFirst().orElse("").strip();
    return m.endsWith(".") ? m : m + ".";
  }
}
