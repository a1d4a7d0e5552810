package org.madang.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.analysis.LocalProjection;
import org.madang.engine.geo.GeoJsonGeometry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The features of a file given to {@code madang analyze}: a GeoJSON FeatureCollection (RFC 7946 longitude/latitude,
 * or planar coordinates with {@code --planar}) or a CSV with longitude and latitude columns (lon/lng/longitude/x/경도,
 * lat/latitude/y/위도, or named), UTF-8 or CP949. Coordinates become metres on a {@link LocalProjection} about the
 * features' centre, unless they are planar already. Kept in memory, in file order.
 */
final class FeatureFile {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> LON = Set.of("lon", "lng", "long", "longitude", "x", "경도");
  private static final Set<String> LAT = Set.of("lat", "latitude", "y", "위도");

  final String name;
  final List<Object> ids;
  final List<Geometry> geometries;
  final double[] x;
  final double[] y;
  final double[] lon;
  final double[] lat;
  final LocalProjection projection;
  private final List<Map<String, Object>> properties;

  private FeatureFile(String name, List<Object> ids, List<Geometry> geometries, double[] lon, double[] lat, List<Map<String, Object>> properties,
      boolean planar) {
    this.name = name;
    this.ids = ids;
    this.properties = properties;
    this.lon = lon;
    this.lat = lat;
    if (ids.isEmpty()) {
      throw new MadangException(ErrorCode.EMPTY_FILE, "The file " + name + " has no features.");
    }
    if (planar) {
      this.projection = null;
      this.geometries = geometries;
      this.x = lon.clone();
      this.y = lat.clone();
    } else {
      for (int i = 0; i < lon.length; i++) {
        if (!(Math.abs(lon[i]) <= 180 && Math.abs(lat[i]) <= 90)) {
          throw new MadangException(ErrorCode.INVALID_ARGUMENT, "Feature " + ids.get(i) + " of " + name + " is at (" + lon[i] + ", " + lat[i]
              + "), which is not a longitude/latitude; add --planar if the coordinates are metres.");
        }
      }
      this.projection = LocalProjection.centredOn(lon, lat);
      this.x = projection.xs(lon);
      this.y = projection.ys(lat);
      this.geometries = geometries == null ? null : geometries.stream().map(projection::project).toList();
    }
  }

  /** Reads a .geojson/.json or .csv file; {@code idField} names the id property (default: the feature id or position). */
  static FeatureFile read(Path file, String idField, String lonField, String latField, boolean planar) {
    if (file == null || !Files.isRegularFile(file)) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "There is no file at " + file + ".");
    }
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      if (lower.endsWith(".geojson") || lower.endsWith(".json")) {
        return geoJson(file, idField, planar);
      }
      if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
        return csv(file, idField, lonField, latField, planar);
      }
    } catch (IOException e) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The file " + file + " cannot be read: " + e.getMessage() + ".");
    }
    throw new MadangException(ErrorCode.UNKNOWN_FORMAT, "The file " + file + " is neither GeoJSON (.geojson) nor CSV (.csv).");
  }

  private static FeatureFile geoJson(Path file, String idField, boolean planar) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JacksonException e) {
      throw new MadangException(ErrorCode.MALFORMED_FILE, "The file " + file + " is not valid JSON (line " + e.getLocation().getLineNr() + ").");
    }
    JsonNode features = root.path("features");
    if (!"FeatureCollection".equals(root.path("type").asString("")) || !features.isArray()) {
      throw new MadangException(ErrorCode.MALFORMED_FILE, "The file " + file + " is not a GeoJSON FeatureCollection.");
    }
    List<Object> ids = new ArrayList<>();
    List<Geometry> geometries = new ArrayList<>();
    List<Map<String, Object>> properties = new ArrayList<>();
    int n = features.size();
    double[] px = new double[n];
    double[] py = new double[n];
    boolean polygonal = true;
    for (int i = 0; i < n; i++) {
      JsonNode f = features.get(i);
      Map<String, Object> p = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : f.path("properties").properties()) {
        JsonNode v = e.getValue();
        p.put(e.getKey(), v.isNumber() ? (Object) v.doubleValue() : v.isNull() ? null : v.asString());
      }
      properties.add(p);
      JsonNode g = f.path("geometry");
      if (g.isMissingNode() || g.isNull()) {
        throw new MadangException(ErrorCode.MALFORMED_FILE, "Feature " + i + " of " + file + " has no geometry.");
      }
      Geometry geometry = GeoJsonGeometry.read(g);
      geometries.add(geometry);
      polygonal &= geometry.getDimension() == 2;
      Point c = geometry.getDimension() == 2 ? geometry.getCentroid() : geometry.getInteriorPoint();
      px[i] = c.getX();
      py[i] = c.getY();
      ids.add(id(idField, p, f.get("id"), i, file));
    }
    return new FeatureFile(file.toString(), ids, polygonal ? geometries : null, px, py, properties, planar);
  }

  private static FeatureFile csv(Path file, String idField, String lonField, String latField, boolean planar) throws IOException {
    String text = decode(Files.readAllBytes(file));
    List<List<String>> rows = parseCsv(text);
    if (rows.isEmpty()) {
      throw new MadangException(ErrorCode.EMPTY_FILE, "The file " + file + " is empty.");
    }
    List<String> header = rows.get(0).stream().map(String::strip).toList();
    int lonAt = column(header, lonField, LON, "longitude", "--lon", file);
    int latAt = column(header, latField, LAT, "latitude", "--lat", file);
    List<Object> ids = new ArrayList<>();
    List<Map<String, Object>> properties = new ArrayList<>();
    List<double[]> points = new ArrayList<>();
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue;
      }
      if (row.size() != header.size()) {
        throw new MadangException(ErrorCode.MALFORMED_FILE, "Line " + (r + 1) + " of " + file + " has " + row.size() + " fields; the header has "
            + header.size() + ".");
      }
      Map<String, Object> p = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        p.put(header.get(c), row.get(c).strip());
      }
      double lonValue = number(row.get(lonAt), header.get(lonAt), r + 1, file);
      double latValue = number(row.get(latAt), header.get(latAt), r + 1, file);
      points.add(new double[] {lonValue, latValue});
      properties.add(p);
      ids.add(id(idField, p, null, r - 1, file));
    }
    double[] px = points.stream().mapToDouble(a -> a[0]).toArray();
    double[] py = points.stream().mapToDouble(a -> a[1]).toArray();
    return new FeatureFile(file.toString(), ids, null, px, py, properties, planar);
  }

  int size() {
    return ids.size();
  }

  /** The numbers of a property, in feature order; a missing property or value is a user error naming the option. */
  double[] numbers(String field, String option) {
    double[] out = new double[size()];
    for (int i = 0; i < size(); i++) {
      Map<String, Object> p = properties.get(i);
      if (!p.containsKey(field)) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The features of " + name + " have no property '" + field + "' (" + option
            + "); they have " + String.join(", ", properties.get(0).keySet()) + ".");
      }
      Object v = p.get(field);
      if (v instanceof Double d) {
        out[i] = d;
      } else {
        try {
          out[i] = Double.parseDouble(String.valueOf(v).strip().replace(",", ""));
        } catch (NumberFormatException e) {
          throw new MadangException(ErrorCode.INVALID_ARGUMENT, "Feature " + ids.get(i) + " of " + name + " has '" + v + "' as " + field
              + " (" + option + "), which is not a number.");
        }
      }
      if (!Double.isFinite(out[i])) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "Feature " + ids.get(i) + " of " + name + " has no finite " + field + ".");
      }
    }
    return out;
  }

  /** Longitude (or planar x) of a projected x. */
  double longitude(double px) {
    return projection == null ? px : projection.longitude(px);
  }

  double latitude(double py) {
    return projection == null ? py : projection.latitude(py);
  }

  private static Object id(String idField, Map<String, Object> p, JsonNode featureId, int position, Path file) {
    Object raw;
    if (idField != null) {
      if (!p.containsKey(idField)) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The features of " + file + " have no property '" + idField + "' (--id).");
      }
      raw = p.get(idField);
    } else if (featureId != null && !featureId.isNull()) {
      raw = featureId.isNumber() ? (Object) featureId.doubleValue() : featureId.asString();
    } else {
      return position;
    }
    if (raw instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return d.longValue();
    }
    return raw;
  }

  private static int column(List<String> header, String named, Set<String> names, String what, String option, Path file) {
    if (named != null) {
      int at = header.indexOf(named);
      if (at < 0) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The file " + file + " has no column '" + named + "' (" + option + ").");
      }
      return at;
    }
    for (int i = 0; i < header.size(); i++) {
      if (names.contains(header.get(i).toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The file " + file + " has no " + what + " column; name it with " + option + ".");
  }

  private static double number(String text, String column, int line, Path file) {
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new MadangException(ErrorCode.MALFORMED_FILE, "Line " + line + " of " + file + " has '" + text + "' as " + column + ", which is not a number.");
    }
  }

  /** UTF-8 (without its byte-order mark) when the bytes are valid UTF-8, else CP949. */
  static String decode(byte[] bytes) {
    int skip = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, Charset.forName("x-windows-949"));
    }
  }

  /** RFC 4180 CSV (commas; tabs or semicolons when the header has none of those), quotes doubled inside quotes. */
  static List<List<String>> parseCsv(String text) {
    String firstLine = text.lines().findFirst().orElse("");
    char delimiter = firstLine.contains(",") ? ',' : firstLine.contains("\t") ? '\t' : firstLine.contains(";") ? ';' : ',';
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
      } else if (c == delimiter) {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
