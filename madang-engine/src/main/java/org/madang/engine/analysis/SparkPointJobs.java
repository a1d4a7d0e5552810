package org.madang.engine.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.madang.analytics.geo.H3Binner;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The job parameters and the read-back of the point analyses Spark runs besides aggregate and hotspot: kernel density
 * ({@code kde}, square cells or H3 cells) and DBSCAN. The job gets the city's projection (reference and metres per
 * radian) so that the executors compute each point's metres exactly as {@link LocalProjection} does; what comes back
 * goes through the same code as the embedded run ({@link DensityRun#gridOutcome}, {@link DensityRun#h3Outcome},
 * {@link DbscanRun#outcome}).
 *
 * <p>Output columns: kde on square cells {@code cell} (row-major index {@code row * columns + column}) and {@code
 * density} (per m², cells at or above a thousandth of the highest), with {@code min_x, min_y, grid_columns, bandwidth_m,
 * density_sum} in the summary; kde on H3 cells {@code h3_address, density} with {@code bandwidth_m, integral}; DBSCAN
 * every point as {@code _id, lon, lat, label, cluster, core}, clusters numbered by their lowest-id core point.
 */
final class SparkPointJobs {

  private SparkPointJobs() {}

  /** Writes the job's parameters for a kde or dbscan spec; returns the input to export. */
  static AnalysisSpec.Source describe(AnalysisSpec spec, LocalProjection projection, ObjectNode parameters) {
    ObjectNode plane = parameters.putObject("projection");
    plane.put("lon0", projection.referenceLongitude());
    plane.put("lat0", projection.referenceLatitude());
    plane.put("metres_per_radian_x", projection.metresPerRadianX());
    plane.put("metres_per_radian_y", projection.metresPerRadianY());
    if (spec instanceof AnalysisSpec.Density d) {
      if (d.weight() != null && d.weight().joined()) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "On Spark, the weight must be a column of the points' own dataset.", Map.of("field", d.weight().field()));
      }
      parameters.put("kernel", d.kernel().name().toLowerCase(Locale.ROOT));
      if (Double.isNaN(d.bandwidth_m())) {
        parameters.putNull("bandwidth_m");
      } else {
        parameters.put("bandwidth_m", d.bandwidth_m());
      }
      parameters.put("cell_m", d.cell_m());
      if (d.h3Resolution() == null) {
        parameters.putNull("h3_resolution");
      } else {
        parameters.put("h3_resolution", d.h3Resolution().intValue());
      }
      parameters.put("weighted", d.weight() != null);
      return d.input();
    }
    AnalysisSpec.Dbscan d = (AnalysisSpec.Dbscan) spec;
    parameters.put("eps_m", d.eps_m());
    parameters.put("min_points", d.minPoints());
    return d.input();
  }

  /** The job's rows and summary as the embedded run's outcome. */
  static Outcome outcome(AnalysisSpec spec, LocalProjection projection, List<Object[]> rows, JsonNode summary, long leftOut) {
    int n = rows.size();
    int points = summary.path("points").asInt();
    if (spec instanceof AnalysisSpec.Density d) {
      long[] cells = new long[n];
      double[] densities = new double[n];
      for (int i = 0; i < n; i++) {
        Object[] r = rows.get(i);
        cells[i] = r[0] instanceof String address ? H3Binner.parseAddress(address) : ((Number) r[0]).longValue();
        densities[i] = ((Number) r[1]).doubleValue();
      }
      double bandwidth = summary.path("bandwidth_m").asDouble();
      if (d.h3Resolution() != null) {
        return DensityRun.h3Outcome(d, points, leftOut, bandwidth, cells, densities, summary.path("integral").asDouble());
      }
      DensityRun.GridFrame grid = new DensityRun.GridFrame(summary.path("min_x").asDouble(), summary.path("min_y").asDouble(), d.cell_m(),
          summary.path("grid_columns").asInt(), bandwidth);
      return DensityRun.gridOutcome(d, projection, points, leftOut, grid, cells, densities, summary.path("density_sum").asDouble() * d.cell_m() * d.cell_m());
    }
    AnalysisSpec.Dbscan d = (AnalysisSpec.Dbscan) spec;
    long[] ids = new long[n];
    double[] lon = new double[n];
    double[] lat = new double[n];
    String[] names = new String[n];
    int[] labels = new int[n];
    boolean[] core = new boolean[n];
    for (int i = 0; i < n; i++) {
      Object[] r = rows.get(i);
      ids[i] = ((Number) r[0]).longValue();
      lon[i] = ((Number) r[1]).doubleValue();
      lat[i] = ((Number) r[2]).doubleValue();
      names[i] = (String) r[3];
      labels[i] = ((Number) r[4]).intValue();
      core[i] = (Boolean) r[5];
    }
    return DbscanRun.outcome(d, ids, lon, lat, names, labels, core, summary.path("clusters").asInt(), leftOut);
  }
}
