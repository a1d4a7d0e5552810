package org.madang.spark;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The engine's local projection of the city as the job file gives it ({@code parameters.projection}: {@code lon0,
 * lat0, metres_per_radian_x, metres_per_radian_y}): x = radians(lon - lon0) · metres_per_radian_x, the same
 * arithmetic as the engine's {@code LocalProjection}, so the executors get the same metres to the bit.
 */
record PlanePoint(double lon0, double lat0, double metresPerRadianX, double metresPerRadianY) implements java.io.Serializable {

  static PlanePoint of(JobFile job) {
    JsonNode p = job.parameters().path("projection");
    for (String key : new String[] {"lon0", "lat0", "metres_per_radian_x", "metres_per_radian_y"}) {
      if (!p.path(key).isNumber()) {
        throw JobFailure.invalid("The job file needs parameters.projection." + key + " as a number.", "parameters.projection." + key);
      }
    }
    return new PlanePoint(p.get("lon0").asDouble(), p.get("lat0").asDouble(), p.get("metres_per_radian_x").asDouble(),
        p.get("metres_per_radian_y").asDouble());
  }

  double x(double lon) {
    return Math.toRadians(lon - lon0) * metresPerRadianX;
  }

  double y(double lat) {
    return Math.toRadians(lat - lat0) * metresPerRadianY;
  }
}
