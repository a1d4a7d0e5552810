package org.madang.engine.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.store.VersionStore;
import org.madang.engine.store.Warehouse;

/**
 * Runs analyses over the warehouse's dataset versions. The caller says which version of each dataset to read (the app
 * passes the catalog's current versions after checking the caller may read them); datasets it leaves out are read at
 * their current version. Coordinates are projected to metres by a {@link LocalProjection} about the centre of the
 * city's district bounds, the same for every analysis of the city.
 *
 * <p>Thread-safe: analyses run side by side, each on its own connections; reads happen in read-only transactions.
 */
public final class AnalysisRunner {

  private final Warehouse warehouse;
  private final VersionStore versions;
  private final InputReader reader;
  private final LocalProjection projection;
  private final SparkJobFiles sparkFiles;

  public AnalysisRunner(Warehouse warehouse, VersionStore versions) {
    this.warehouse = warehouse;
    this.versions = versions;
    this.reader = new InputReader(warehouse, versions);
    this.projection = LocalProjection.centredOn(warehouse.options().districts().bounds());
    this.sparkFiles = new SparkJobFiles(warehouse, versions, reader, projection);
  }

  /** The projection analyses of this city measure metres on. */
  public LocalProjection projection() {
    return projection;
  }

  /**
   * Checks, without running it, that the analysis can run on these tables: every dataset has a version, is located
   * as the analysis needs, has the named columns (numbers where numbers are needed), and holds enough rows (p no more
   * than the candidate sites, some demand, at least 4 features for hot spots, stops enough for the routes' stop limits). A {@link MadangException} names the
   * parameter at fault.
   *
   * @param tables the version table of each dataset (e.g. {@code versions."bike_stations__v2"}); others: current
   */
  public void check(AnalysisRequest request, Map<String, String> tables) {
    Map<String, String> resolved = resolve(request, tables);
    AnalysisSpec spec = request.spec();
    if (spec instanceof AnalysisSpec.Transit t) {
      // links and trips are tables, not features: they need no location
      TransitRun.check(t, reader, resolved);
      return;
    }
    if (spec instanceof AnalysisSpec.Aggregate a && a.flows() != null) {
      // flows are a table of trips, located by their own columns
      reader.flowColumns(a.flows(), resolved.get(a.flows().source().dataset()));
      return;
    }
    for (AnalysisSpec.Source s : spec.sources()) {
      String table = resolved.get(s.dataset());
      reader.layout(table, s);
      if (s.label() != null) {
        reader.column(table, s.dataset(), s.label(), s.field().replace(".dataset", "") + ".label");
      }
    }
    if (spec instanceof AnalysisSpec.Hotspot h && h.onH3Cells()) {
      requirePoints(h.input(), resolved);
      if (h.value() != null) {
        checkValue(h.input(), h.value(), resolved);
      }
      requireRows(h.input(), resolved, "points to bin into cells");
      if (h.value() != null) {
        String table = resolved.get(h.input().dataset());
        long missing = reader.countMissing(h.input(), table, reader.numericColumn(table, h.input().dataset(), h.value().column(), h.value().field()));
        if (missing > 0) {
          throw new MadangException(ErrorCode.INVALID_ARGUMENT, missing + " located points of '" + h.input().dataset() + "' have no value in '"
              + h.value().column() + "'; every point needs a number (a filter can leave them out).", Map.of("field", h.value().field()));
        }
      }
    } else if (spec instanceof AnalysisSpec.Aggregate a) {
      if (a.weight() != null) {
        checkValue(a.input(), a.weight(), resolved);
      }
      requireRows(a.input(), resolved, "points to count");
    } else if (spec instanceof AnalysisSpec.Hotspot h) {
      checkValue(h.input(), h.value(), resolved);
      if (h.per() != null) {
        checkValue(h.input(), h.per(), resolved);
      }
      String table = resolved.get(h.input().dataset());
      reader.findRepeatedDistrict(h.input(), table).ifPresent(district -> {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The district " + district + " appears in more than one row of '" + h.input().dataset()
            + "'; add a filter (e.g. a year) so that each district is one feature.", Map.of("field", h.input().field()));
      });
      for (AnalysisSpec.ValueColumn v : h.per() == null ? List.of(h.value()) : List.of(h.value(), h.per())) {
        if (!v.joined()) {
          long missing = reader.countMissing(h.input(), table, reader.numericColumn(table, h.input().dataset(), v.column(), v.field()));
          if (missing > 0) {
            throw new MadangException(ErrorCode.INVALID_ARGUMENT, missing + " located rows of '" + h.input().dataset() + "' have no value in '" + v.column()
                + "'; every feature needs a number (a filter can leave them out).", Map.of("field", v.field()));
          }
        }
      }
      long n = reader.count(h.input(), table);
      if (n < 4) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT,
            "A hot spot analysis needs at least 4 located features; '" + h.input().dataset() + "' has " + n + ".", Map.of("field", h.input().field()));
      }
    } else if (spec instanceof AnalysisSpec.Density d) {
      if (d.weight() != null) {
        checkValue(d.input(), d.weight(), resolved);
      }
      requireRows(d.input(), resolved, "points to estimate a density from");
    } else if (spec instanceof AnalysisSpec.Dbscan d) {
      requireRows(d.input(), resolved, "points to cluster");
    } else if (spec instanceof AnalysisSpec.Facility f) {
      if (f.weight() != null) {
        checkValue(f.demand(), f.weight(), resolved);
      }
      requireRows(f.demand(), resolved, "demand points");
      long candidates = reader.count(f.candidates(), resolved.get(f.candidates().dataset()));
      if (f.p() > candidates) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT,
            "p = " + f.p() + " is more than the " + candidates + " candidate sites of '" + f.candidates().dataset() + "'.", Map.of("field", "p"));
      }
      if (candidates == 0) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT,
            "'" + f.candidates().dataset() + "' has no located candidate sites inside the city.", Map.of("field", f.candidates().field()));
      }
    }
  }

  /**
   * Runs the analysis: reads its inputs, runs the kernel and returns the result, not yet a dataset. Progress goes to
   * {@code progress}; when {@code cancelled} answers true the run stops promptly with a {@link CancellationException}
   * and nothing is written.
   */
  public AnalysisResult run(AnalysisRequest request, Map<String, String> tables, AnalysisProgress progress, BooleanSupplier cancelled) {
    AnalysisProgress p = progress == null ? AnalysisProgress.NONE : progress;
    BooleanSupplier stop = cancelled == null ? () -> false : cancelled;
    Map<String, String> resolved = resolve(request, tables);
    check(request, resolved);
    if (stop.getAsBoolean()) {
      throw new CancellationException();
    }
    AnalysisSpec spec = request.spec();
    Outcome outcome;
    if (spec instanceof AnalysisSpec.Hotspot h) {
      outcome = HotspotRun.run(h, reader, resolved, projection, p, stop);
    } else if (spec instanceof AnalysisSpec.Aggregate a) {
      outcome = AggregateRun.run(a, reader, resolved, projection, p, stop);
    } else if (spec instanceof AnalysisSpec.Density d) {
      outcome = DensityRun.run(d, reader, resolved, projection, p, stop);
    } else if (spec instanceof AnalysisSpec.Dbscan d) {
      outcome = DbscanRun.run(d, reader, resolved, projection, p, stop);
    } else if (spec instanceof AnalysisSpec.Transit t) {
      outcome = TransitRun.run(t, reader, resolved, projection, p, stop);
    } else {
      outcome = FacilityRun.run((AnalysisSpec.Facility) spec, reader, resolved, projection, p, stop);
    }
    if (stop.getAsBoolean()) {
      throw new CancellationException();
    }
    List<AnalysisLineage.Input> inputs = new ArrayList<>();
    for (DatasetReference d : request.datasets()) {
      inputs.add(AnalysisLineage.Input.of(d.dataset(), resolved.get(d.dataset())));
    }
    p.update("done", 0.95);
    return new AnalysisResult(new AnalysisLineage(request.kind(), request.parameters(), inputs), outcome, warehouse, versions);
  }

  /**
   * Prepares the analysis for Apache Spark: the same checks as {@link #run} (bad parameters and columns are the same
   * {@link MadangException}s naming the field), then the rows the embedded run would read are exported as Parquet
   * partitioned by {@code district_code} under {@code workDir/inputs/<source>}, and the resolved spec is written to
   * {@code workDir/job.json}. Spark runs {@code aggregate}, {@code kde}, {@code dbscan}, {@code hotspot} with {@code
   * h3_resolution}, and the demand step of {@code pmedian}, {@code mclp} and {@code setcover} with {@code
   * demand_h3_resolution} (see {@link #checkSpark}); other analyses are refused naming {@code engine}.
   *
   * @param workDir a directory the Spark job can read and write (shared storage for a cluster); created if missing
   */
  public SparkJob prepareSpark(AnalysisRequest request, Map<String, String> tables, java.nio.file.Path workDir) {
    Map<String, String> resolved = resolve(request, tables);
    check(request, resolved);
    List<AnalysisLineage.Input> inputs = new ArrayList<>();
    for (DatasetReference d : request.datasets()) {
      inputs.add(AnalysisLineage.Input.of(d.dataset(), resolved.get(d.dataset())));
    }
    return sparkFiles.prepare(request, resolved, workDir, inputs);
  }

  /**
   * The result of a finished Spark job as an ordinary {@link AnalysisResult}: the same rows and summary as the
   * embedded run, with lineage recording {@code "engine": "spark"} and the master. A missing or incomplete output is a
   * {@link MadangException} ({@code EXTERNAL}), never half a result.
   */
  public AnalysisResult readSparkResult(SparkJob job, AnalysisRequest request) {
    return readSparkResult(job, request, AnalysisProgress.NONE, () -> false);
  }

  /**
   * As {@link #readSparkResult(SparkJob, AnalysisRequest)}, with progress and cancellation for what runs here after
   * Spark: facility location's solve over the demand cells Spark summed.
   */
  public AnalysisResult readSparkResult(SparkJob job, AnalysisRequest request, AnalysisProgress progress, BooleanSupplier cancelled) {
    return sparkFiles.read(job, request, progress == null ? AnalysisProgress.NONE : progress, cancelled == null ? () -> false : cancelled);
  }

  /**
   * Checks, without exporting anything, that Spark runs this analysis: {@link #check}'s checks, then the refusals of
   * what Spark does not run (transit and hot spots over polygons name {@code engine}; facility location without {@code
   * demand_h3_resolution} names that parameter), so that a caller can refuse the request before queueing it.
   */
  public void checkSpark(AnalysisRequest request, Map<String, String> tables) {
    Map<String, String> resolved = resolve(request, tables);
    check(request, resolved);
    sparkFiles.check(request, resolved);
  }

  private void checkValue(AnalysisSpec.Source input, AnalysisSpec.ValueColumn v, Map<String, String> tables) {
    if (!v.joined()) {
      reader.numericColumn(tables.get(input.dataset()), input.dataset(), v.column(), v.field());
      return;
    }
    String other = tables.get(v.source().dataset());
    reader.layout(other, v.source());
    reader.numericColumn(other, v.source().dataset(), v.column(), v.field() + ".column");
    for (Map.Entry<String, String> e : v.on().entrySet()) {
      reader.column(tables.get(input.dataset()), input.dataset(), e.getKey(), v.field() + ".on");
      reader.column(other, v.source().dataset(), e.getValue(), v.field() + ".on");
    }
  }

  private void requirePoints(AnalysisSpec.Source s, Map<String, String> tables) {
    if (reader.layout(tables.get(s.dataset()), s) != InputReader.Layout.POINTS) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT,
          "'" + s.dataset() + "' is not a table of points (latitude and longitude), so its rows cannot be binned into H3 cells.", Map.of("field", s.field()));
    }
  }

  private void requireRows(AnalysisSpec.Source s, Map<String, String> tables, String what) {
    if (reader.count(s, tables.get(s.dataset())) == 0) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT,
          "'" + s.dataset() + "' has no located " + what + " inside the city.", Map.of("field", s.field()));
    }
  }

  /** The given tables, and the current version's table for each dataset not given; a missing dataset names its field. */
  private Map<String, String> resolve(AnalysisRequest request, Map<String, String> tables) {
    Map<String, String> out = new LinkedHashMap<>();
    for (DatasetReference d : request.datasets()) {
      String table = tables == null ? null : tables.get(d.dataset());
      if (table == null) {
        Optional<String> current = versions.findCurrentTable(d.dataset());
        if (current.isEmpty()) {
          throw new MadangException(ErrorCode.INVALID_ARGUMENT, "There is no dataset named '" + d.dataset() + "'.", Map.of("field", d.field()));
        }
        table = current.get();
      }
      out.put(d.dataset(), versions.resolve(table));
    }
    return out;
  }
}
