package org.madang.engine.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;
import org.locationtech.jts.io.WKBWriter;
import org.madang.analytics.geo.District;
import org.madang.analytics.hotspot.LocalStatistic;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.store.VersionStore;
import org.madang.engine.store.Warehouse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The files an analysis hands to Apache Spark and gets back: the inputs as Parquet and {@code job.json} (written by
 * {@link #prepare}), and the job's {@code output/rows} Parquet with {@code output/summary.json} (read by {@link #read}).
 * The job.json format is documented in {@code docs/SCALING.md}; {@code org.madang.spark.SparkAnalysisJob} reads it.
 *
 * <p>Spark runs what scales with the input (binning millions of points or trips into cells, districts and pairs, and
 * the cells' neighbourhood sums); the engine turns the job's groups into the result with the same code as the embedded
 * run ({@link AggregateRun#points}, {@link AggregateRun#flows}, {@link CellHotspotRun#cells}), so both engines give the
 * same rows and summary. Facility location's demand step is the aggregate job by H3 cell; the solve over its cells
 * runs here ({@link FacilityRun#onCells}).
 */
final class SparkJobFiles {

  static final int FORMAT = 1;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Warehouse warehouse;
  private final VersionStore versions;
  private final InputReader reader;
  private final LocalProjection projection;

  SparkJobFiles(Warehouse warehouse, VersionStore versions, InputReader reader, LocalProjection projection) {
    this.warehouse = warehouse;
    this.versions = versions;
    this.reader = reader;
    this.projection = projection;
  }

  /**
   * Refuses, naming the parameter at fault, what Spark does not run: transit, hot spots over polygons or other weights
   * ({@code engine}), facility location without {@code demand_h3_resolution} (the demand Spark merges into cells), and
   * inputs that are not points where Spark places points; the request has been checked against {@code tables}.
   */
  void check(AnalysisRequest request, Map<String, String> tables) {
    AnalysisSpec spec = request.spec();
    if (spec instanceof AnalysisSpec.Facility f) {
      if (!f.demandOnCells()) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "On Spark, facility location merges the demand into H3 cells before the solve, "
            + "so give demand_h3_resolution (e.g. 9 for cells of about 0.1 km²).", Map.of("field", "demand_h3_resolution"));
      }
      requirePoints(f.demand(), tables);
    } else if (spec instanceof AnalysisSpec.Transit || spec instanceof AnalysisSpec.Hotspot h && !h.onH3Cells()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "Spark runs aggregate, kde, dbscan, hotspot over H3 cells (with h3_resolution) and the demand "
          + "step of pmedian, mclp and setcover (with demand_h3_resolution); '" + request.kind().code() + "' with these parameters runs on the embedded engine.",
          Map.of("field", "engine"));
    } else if (spec instanceof AnalysisSpec.Aggregate a && a.flows() == null) {
      requirePoints(a.input(), tables);
    } else if (spec instanceof AnalysisSpec.Density d) {
      requirePoints(d.input(), tables);
    } else if (spec instanceof AnalysisSpec.Dbscan d) {
      requirePoints(d.input(), tables);
    }
  }

  /** Exports the inputs and writes job.json; the request has been checked against {@code tables}. */
  SparkJob prepare(AnalysisRequest request, Map<String, String> tables, Path workDir, List<AnalysisLineage.Input> lineage) {
    check(request, tables);
    AnalysisSpec spec = request.spec();
    Path dir = workDir.toAbsolutePath().normalize();
    ObjectNode job = JSON.createObjectNode();
    job.put("format", FORMAT);
    job.put("kind", request.kind().code());
    ObjectNode parameters = job.putObject("parameters");
    ObjectNode inputs = job.putObject("inputs");
    try {
      Files.createDirectories(dir);
      if (Files.exists(dir.resolve("job.json")) || Files.exists(dir.resolve("output"))) {
        throw new MadangException(ErrorCode.CONFLICT, "The Spark work directory " + dir + " already holds a job.", Map.of("field", "workDir"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (spec instanceof AnalysisSpec.Aggregate a && a.flows() != null) {
      String table = tables.get(a.flows().source().dataset());
      parameters.put("mode", "flows");
      parameters.put("by", a.by());
      parameters.put("h3_resolution", a.h3Resolution());
      parameters.put("coordinates", a.flows().coordinates());
      ObjectNode input = inputs.putObject("flows");
      long rows = export(dir, "flows", scratch -> reader.exportFlows(a.flows(), table, scratch));
      describe(input, dir.resolve("inputs/flows"), rows, 0);
      if (a.flows().coordinates() && a.by().equals("district")) {
        ArrayNode districts = job.putArray("districts");
        WKBWriter wkb = new WKBWriter();
        for (District d : reader.districts().listDistricts()) {
          districts.addObject().put("code", d.code()).put("name", d.name()).put("wkb", HexFormat.of().formatHex(wkb.write(d.boundary())));
        }
      }
    } else if (spec instanceof AnalysisSpec.Aggregate a) {
      parameters.put("mode", "points");
      parameters.put("by", a.by());
      parameters.put("h3_resolution", a.h3Resolution());
      parameters.put("weighted", a.weight() != null);
      exportPoints(dir, inputs, a.input(), tables, a.weight());
    } else if (spec instanceof AnalysisSpec.Hotspot h && h.onH3Cells()) {
      parameters.put("h3_resolution", h.h3Resolution());
      parameters.put("rings", h.rings());
      parameters.put("statistic", h.statistic() == LocalStatistic.GI ? "gi" : h.statistic() == LocalStatistic.GI_STAR ? "gistar" : "local-moran");
      parameters.put("valued", h.value() != null);
      exportPoints(dir, inputs, h.input(), tables, h.value());
    } else if (spec instanceof AnalysisSpec.Density || spec instanceof AnalysisSpec.Dbscan) {
      AnalysisSpec.Source input = SparkPointJobs.describe(spec, projection, parameters);
      exportPoints(dir, inputs, input, tables, spec instanceof AnalysisSpec.Density d ? d.weight() : null);
    } else {
      AnalysisSpec.Facility f = (AnalysisSpec.Facility) spec;
      // the facility step is the aggregate job's points per H3 cell with weight sums; the solve runs on this node
      job.put("kind", "aggregate");
      job.put("for", request.kind().code());
      parameters.put("mode", "points");
      parameters.put("by", "h3");
      parameters.put("h3_resolution", f.demandH3Resolution());
      parameters.put("weighted", f.weight() != null);
      // the weight may come from another dataset: the export holds the weight each point gets, as the embedded run reads
      // it, and only the points that have one (the embedded run leaves the others out and counts them)
      ObjectNode input = exportPoints(dir, inputs, f.demand(), tables, f.weight(), f.weight() != null);
      InputReader.ValueCheck weights = f.weight() == null ? new InputReader.ValueCheck(0, java.util.Optional.empty())
          : reader.checkValues(f.demand(), tables.get(f.demand().dataset()), f.weight(), tables);
      weights.negative().ifPresent(r -> {
        throw FacilityRun.negativeWeight(f, r.id() + (r.label() == null ? "" : " (" + r.label() + ")"), r.value());
      });
      input.put("without_value", weights.missing());
      input.put("left_out", input.path("left_out").asLong() - weights.missing());
      if (input.path("rows").asLong() == 0) {
        throw FacilityRun.noDemand(f);
      }
    }
    Path output = dir.resolve("output");
    job.put("output", output.toString());
    Path jobFile = dir.resolve("job.json");
    try {
      Path temporary = dir.resolve("job.json.tmp");
      Files.writeString(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(job));
      Files.move(temporary, jobFile, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SparkJob(request.kind(), dir, jobFile, output, lineage);
  }

  private void exportPoints(Path dir, ObjectNode inputs, AnalysisSpec.Source source, Map<String, String> tables, AnalysisSpec.ValueColumn value) {
    exportPoints(dir, inputs, source, tables, value, false);
  }

  /** Exports the points (with {@code valuedOnly}, only those with a value); {@code left_out} counts every filtered row not exported. */
  private ObjectNode exportPoints(
      Path dir, ObjectNode inputs, AnalysisSpec.Source source, Map<String, String> tables, AnalysisSpec.ValueColumn value, boolean valuedOnly) {
    String table = tables.get(source.dataset());
    long rows = export(dir, "input", scratch -> reader.exportPoints(source, table, value, tables, valuedOnly, scratch));
    long filtered = reader.countFiltered(source, table);
    ObjectNode input = inputs.putObject("input");
    describe(input, dir.resolve("inputs/input"), rows, filtered - rows);
    return input;
  }

  private static void describe(ObjectNode input, Path path, long rows, long leftOut) {
    input.put("path", path.toString());
    input.put("format", "parquet");
    input.put("rows", rows);
    input.put("left_out", leftOut);
  }

  private interface Export {
    long into(Path scratchDir);
  }

  /** Exports into the warehouse's scratch space (the only place DuckDB may write), then copies the files to the work dir. */
  private long export(Path dir, String name, Export export) {
    Path scratch = warehouse.createScratch();
    try {
      long rows = export.into(scratch.resolve(name));
      copyTree(scratch.resolve(name), dir.resolve("inputs").resolve(name));
      return rows;
    } finally {
      warehouse.deleteScratch(scratch);
    }
  }

  private void requirePoints(AnalysisSpec.Source s, Map<String, String> tables) {
    if (reader.layout(tables.get(s.dataset()), s) != InputReader.Layout.POINTS) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "On Spark, '" + s.dataset() + "' must be a table of points (latitude and longitude).",
          Map.of("field", s.field()));
    }
  }

  /**
   * The job's result as an ordinary analysis result; a missing or incomplete output is an error, never half a result.
   * Facility location solves here over the demand cells Spark summed, reporting to {@code progress} and stopping when
   * {@code cancelled} answers true.
   */
  AnalysisResult read(SparkJob job, AnalysisRequest request, AnalysisProgress progress, BooleanSupplier cancelled) {
    Path output = job.outputDir();
    Path summaryFile = output.resolve("summary.json");
    Path rows = output.resolve("rows");
    if (!Files.isRegularFile(summaryFile) || !Files.isRegularFile(rows.resolve("_SUCCESS"))) {
      throw new MadangException(ErrorCode.EXTERNAL, "The Spark job left no complete result in " + output + ".", Map.of("field", "engine"));
    }
    JsonNode jobJson;
    JsonNode summary;
    try {
      jobJson = JSON.readTree(Files.readString(job.jobFile()));
      summary = JSON.readTree(Files.readString(summaryFile));
    } catch (IOException e) {
      throw new MadangException(ErrorCode.EXTERNAL, "The Spark job's result cannot be read: " + e.getMessage(), Map.of("field", "engine"), e);
    }
    if (summary.path("rows").asLong(-1) < 0) {
      throw new MadangException(ErrorCode.EXTERNAL, "The Spark job's summary does not say how many rows it wrote.", Map.of("field", "engine"));
    }
    List<Object[]> table = readRows(rows, summary.path("columns"));
    if (table.size() != summary.path("rows").asLong()) {
      throw new MadangException(ErrorCode.EXTERNAL, "The Spark job wrote " + table.size() + " rows but its summary says " + summary.path("rows").asLong() + ".",
          Map.of("field", "engine"));
    }
    AnalysisSpec spec = request.spec();
    Outcome outcome;
    if (spec instanceof AnalysisSpec.Aggregate a) {
      List<AggregateRun.Group> groups = new ArrayList<>(table.size());
      for (Object[] r : table) {
        groups.add(new AggregateRun.Group((String) r[0], (String) r[1], ((Number) r[2]).longValue(), ((Number) r[3]).doubleValue()));
      }
      if (a.flows() != null) {
        outcome = AggregateRun.flows(a, groups, summary.path("flows").asLong(), summary.path("left_out").asLong(), reader.districts());
      } else {
        JsonNode input = jobJson.path("inputs").path("input");
        outcome = AggregateRun.points(a, groups, input.path("rows").asLong(), input.path("left_out").asLong(), reader.districts());
      }
    } else if (spec instanceof AnalysisSpec.Facility f) {
      List<FacilityRun.DemandCell> cells = new ArrayList<>(table.size());
      for (Object[] r : table) {
        cells.add(new FacilityRun.DemandCell((String) r[0], ((Number) r[2]).longValue(), ((Number) r[3]).doubleValue()));
      }
      JsonNode input = jobJson.path("inputs").path("input");
      Map<String, String> tables = new LinkedHashMap<>();
      job.inputs().forEach(i -> tables.put(i.dataset(), i.table()));
      outcome = FacilityRun.onCells(f, cells, summary.path("points").asLong(), input.path("without_value").asLong(), input.path("left_out").asLong(),
          reader, tables, projection, progress, cancelled);
    } else if (spec instanceof AnalysisSpec.Density || spec instanceof AnalysisSpec.Dbscan) {
      JsonNode input = jobJson.path("inputs").path("input");
      outcome = SparkPointJobs.outcome(spec, projection, table, summary, input.path("left_out").asLong());
    } else {
      AnalysisSpec.Hotspot h = (AnalysisSpec.Hotspot) spec;
      int n = table.size();
      List<String> addresses = new ArrayList<>(n);
      long[] points = new long[n];
      double[] values = new double[n];
      double[] lag = new double[n];
      double[] weightSum = new double[n];
      for (int i = 0; i < n; i++) {
        Object[] r = table.get(i);
        addresses.add((String) r[0]);
        points[i] = ((Number) r[1]).longValue();
        values[i] = ((Number) r[2]).doubleValue();
        lag[i] = ((Number) r[3]).doubleValue();
        weightSum[i] = ((Number) r[4]).doubleValue();
      }
      boolean sums = h.statistic() != LocalStatistic.LOCAL_MORAN;
      JsonNode input = jobJson.path("inputs").path("input");
      outcome = CellHotspotRun.cells(h, addresses, points, values, sums ? lag : null, sums ? weightSum : null, input.path("rows").asLong(),
          input.path("left_out").asLong());
    }
    String master = summary.hasNonNull("master") ? summary.get("master").asString() : null;
    AnalysisLineage lineage = new AnalysisLineage(request.kind(), request.parameters(), job.inputs()).onEngine("spark", master);
    return new AnalysisResult(lineage, outcome, warehouse, versions);
  }

  /** The result rows in the order of {@code columns}, sorted by them (the job writes its groups unordered). */
  private List<Object[]> readRows(Path rows, JsonNode columns) {
    List<String> names = new ArrayList<>();
    columns.forEach(c -> names.add(c.asString()));
    if (names.isEmpty()) {
      throw new MadangException(ErrorCode.EXTERNAL, "The Spark job's summary does not name its columns.", Map.of("field", "engine"));
    }
    Path scratch = warehouse.createScratch();
    try {
      copyTree(rows, scratch.resolve("rows"));
      StringBuilder select = new StringBuilder("SELECT ");
      for (int i = 0; i < names.size(); i++) {
        select.append(i == 0 ? "" : ", ").append(InputReader.quote(names.get(i)));
      }
      // the keys (the first two columns; flows: origin, destination) decide the order
      String order = names.size() > 1 && names.get(1).equals("destination") ? "1, 2" : "1";
      String glob = scratch.resolve("rows").toAbsolutePath().normalize().toString().replace("'", "''") + "/*.parquet";
      boolean any;
      try (Stream<Path> files = Files.list(scratch.resolve("rows"))) {
        any = files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
      }
      List<Object[]> out = new ArrayList<>();
      if (!any) {
        return out;
      }
      try (DuckDBConnection c = warehouse.connect(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery(select + " FROM read_parquet('" + glob + "') ORDER BY " + order)) {
        while (r.next()) {
          Object[] row = new Object[names.size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = r.getObject(i + 1);
          }
          out.add(row);
        }
      }
      return out;
    } catch (SQLException | IOException e) {
      throw new MadangException(ErrorCode.EXTERNAL, "The Spark job's rows cannot be read: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
          Map.of("field", "engine"), e);
    } finally {
      warehouse.deleteScratch(scratch);
    }
  }

  /** Copies a directory tree, across file systems if need be. */
  private static void copyTree(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
