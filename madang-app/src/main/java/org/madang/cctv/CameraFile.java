package org.madang.cctv;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Envelope;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a file of cameras, CSV (UTF-8, with or without BOM, or CP949) or GeoJSON (Point features), into cameras, or
 * refuses it whole with the first problem's line and column: a coordinate that is not a number, out of range, or
 * outside the city; a missing or unknown purpose; a stream address that is not http(s) or that the SSRF guard refuses;
 * an id twice; an owner organization the catalog does not know. The district of each camera is the one its point lies
 * in.
 *
 * <p>CSV columns (header names, any order, case-insensitive): {@code id}, {@code name}, {@code name_en}, {@code purpose}
 * (crime-prevention, traffic, disaster, parks, or 방범, 교통, 재난, 공원), {@code lat}/{@code lon} (also {@code latitude},
 * {@code longitude}, {@code 위도}, {@code 경도}), {@code organization}, {@code stream_kind} (hls, mjpeg, snapshot,
 * none; taken from a {@code .m3u8} address when empty) and {@code stream_url}. GeoJSON carries the same as properties.
 */
final class CameraFile {

  static final int MAX_CAMERAS = 100_000;
  private static final double CITY_MARGIN_DEGREES = 0.01;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Charset CP949 = Charset.forName("x-windows-949");

  private final DistrictIndex districts;
  private final Envelope city;
  private final StreamClient streams;
  private final Predicate<String> organizations;

  /** @param organizations whether an organization name is one of the catalog's (a camera's owner department) */
  CameraFile(DistrictIndex districts, StreamClient streams, Predicate<String> organizations) {
    this.districts = districts;
    this.city = new Envelope(districts.bounds());
    this.city.expandBy(CITY_MARGIN_DEGREES);
    this.streams = streams;
    this.organizations = organizations;
  }

  /** Where a value came from, for error messages: a CSV line and column, or a GeoJSON feature's line and column. */
  record Place(int line, int column, String field) {}

  /** The cameras of a file; GeoJSON when its name ends in .geojson/.json or its text starts with '{'. */
  List<Camera> read(String fileName, byte[] bytes) {
    String text = decode(bytes);
    if (text.isBlank()) {
      throw new MadangException(ErrorCode.EMPTY_FILE, "The file " + fileName + " is empty.", Map.of("field", "file"));
    }
    String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    boolean json = lower.endsWith(".geojson") || lower.endsWith(".json") || text.stripLeading().startsWith("{");
    List<Camera> cameras = json ? readGeoJson(text) : readCsv(text);
    if (cameras.isEmpty()) {
      throw new MadangException(ErrorCode.EMPTY_FILE, "The file " + fileName + " holds no cameras.", Map.of("field", "file"));
    }
    return cameras;
  }

  /** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else CP949, as Seoul's files are. */
  static String decode(byte[] bytes) {
    int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
    ByteBuffer buffer = ByteBuffer.wrap(bytes, start, bytes.length - start);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(buffer).toString();
    } catch (CharacterCodingException notUtf8) {
      try {
        return CP949.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException neither) {
        throw new MadangException(ErrorCode.UNDECODABLE_TEXT, "The file is neither UTF-8 nor CP949 text.", Map.of("field", "file"));
      }
    }
  }

  // ---------- CSV ----------

  private List<Camera> readCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    parseCsv(text, rows, lines);
    List<String> header = rows.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    Map<String, Integer> at = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = switch (header.get(i)) {
        case "latitude", "위도", "y" -> "lat";
        case "longitude", "경도", "x", "lng" -> "lon";
        case "이름", "카메라명" -> "name";
        case "목적", "용도" -> "purpose";
        default -> header.get(i);
      };
      at.putIfAbsent(name, i);
    }
    for (String required : List.of("id", "name", "purpose", "lat", "lon")) {
      if (!at.containsKey(required)) {
        throw new MadangException(ErrorCode.MALFORMED_FILE, "The CSV has no column '" + required + "' (line 1 is the header).",
            Map.of("field", required, "line", 1));
      }
    }
    List<Camera> cameras = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      int line = lines.get(r);
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue;
      }
      if (cameras.size() >= MAX_CAMERAS) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "A file may hold at most " + MAX_CAMERAS + " cameras.", Map.of("field", "file", "line", line));
      }
      Map<String, Field> fields = new LinkedHashMap<>();
      at.forEach((name, column) -> fields.put(name, new Field(column < row.size() ? row.get(column).strip() : "", new Place(line, column + 1, name))));
      cameras.add(camera(fields, ids));
    }
    return cameras;
  }

  /** A value with where it came from. */
  private record Field(String value, Place place) {}

  /** RFC 4180 with any line ending; records the line each record starts on. */
  private static void parseCsv(String text, List<List<String>> rows, List<Integer> lines) {
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    int line = 1;
    int rowLine = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          cell.append(c);
        }
      } else if (c == '"' && cell.isEmpty()) {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        lines.add(rowLine);
        row = new ArrayList<>();
        line++;
        rowLine = line;
      } else {
        cell.append(c);
      }
    }
    if (!cell.isEmpty() || !row.isEmpty()) {
      row.add(cell.toString());
      rows.add(row);
      lines.add(rowLine);
    }
  }

  // ---------- GeoJSON ----------

  private List<Camera> readGeoJson(String text) {
    List<Camera> cameras = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new MadangException(ErrorCode.MALFORMED_FILE, "The GeoJSON is not a FeatureCollection object.", Map.of("field", "file", "line", 1, "column", 1));
      }
      boolean found = false;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (!"features".equals(name)) {
          p.skipChildren();
          continue;
        }
        if (value != JsonToken.START_ARRAY) {
          throw malformed("'features' is not an array", p.currentTokenLocation());
        }
        found = true;
        while (p.nextToken() == JsonToken.START_OBJECT) {
          TokenStreamLocation start = p.currentTokenLocation();
          JsonNode feature = p.readValueAsTree();
          cameras.add(feature(feature, new Place((int) start.getLineNr(), (int) start.getColumnNr(), null), ids));
          if (cameras.size() > MAX_CAMERAS) {
            throw malformed("a file may hold at most " + MAX_CAMERAS + " cameras", start);
          }
        }
      }
      if (!found) {
        throw new MadangException(ErrorCode.MALFORMED_FILE, "The GeoJSON has no 'features' array.", Map.of("field", "features"));
      }
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("field", "file");
      if (at != null && at.getLineNr() > 0) {
        details.put("line", at.getLineNr());
        details.put("column", at.getColumnNr());
      }
      throw new MadangException(ErrorCode.MALFORMED_FILE, "The GeoJSON is broken" + (at != null && at.getLineNr() > 0
          ? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : "") + ".", details);
    }
    return cameras;
  }

  private static MadangException malformed(String problem, TokenStreamLocation at) {
    return new MadangException(ErrorCode.MALFORMED_FILE, "The GeoJSON cannot be read at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": "
        + problem + ".", Map.of("field", "features", "line", at.getLineNr(), "column", at.getColumnNr()));
  }

  private Camera feature(JsonNode feature, Place start, Set<String> ids) {
    JsonNode geometry = feature.path("geometry");
    JsonNode coordinates = geometry.path("coordinates");
    Map<String, Field> fields = new LinkedHashMap<>();
    JsonNode properties = feature.path("properties");
    for (String name : List.of("id", "name", "name_en", "purpose", "organization", "stream_kind", "stream_url")) {
      JsonNode v = properties.path(name);
      String text = v.isMissingNode() || v.isNull() ? "" : v.isString() ? v.asString() : v.toString();
      if (name.equals("id") && text.isEmpty() && feature.has("id")) {
        text = feature.get("id").isString() ? feature.get("id").asString() : feature.get("id").toString();
      }
      fields.put(name, new Field(text.strip(), new Place(start.line(), start.column(), name)));
    }
    if (!"Point".equals(geometry.path("type").asString("")) || !coordinates.isArray() || coordinates.size() < 2) {
      throw refuse(new Place(start.line(), start.column(), "geometry"), "the feature's geometry is not a Point with coordinates [lon, lat]");
    }
    fields.put("lon", new Field(coordinates.get(0).isNumber() ? coordinates.get(0).asString() : "'" + coordinates.get(0).asString() + "'",
        new Place(start.line(), start.column(), "lon")));
    fields.put("lat", new Field(coordinates.get(1).isNumber() ? coordinates.get(1).asString() : "'" + coordinates.get(1).asString() + "'",
        new Place(start.line(), start.column(), "lat")));
    return camera(fields, ids);
  }

  // ---------- one camera ----------

  /** One camera from a request's fields (id, name, name_en, purpose, lat, lon, organization, stream_kind, stream_url). */
  Camera one(Map<String, String> values) {
    Map<String, Field> fields = new LinkedHashMap<>();
    for (String name : List.of("id", "name", "name_en", "purpose", "lat", "lon", "organization", "stream_kind", "stream_url")) {
      String v = values.get(name);
      fields.put(name, new Field(v == null ? "" : v.strip(), new Place(0, 0, name)));
    }
    return camera(fields, new HashSet<>());
  }

  private Camera camera(Map<String, Field> f, Set<String> ids) {
    Field id = f.get("id");
    if (id.value().isEmpty() || id.value().length() > 64 || !id.value().matches("[\\p{L}\\p{N}._:-]+")) {
      throw refuse(id.place(), "the camera id '" + id.value() + "' is empty, longer than 64 characters or has characters other than letters, digits and . _ : -");
    }
    if (!ids.add(id.value())) {
      throw refuse(id.place(), "the camera id '" + id.value() + "' appears twice");
    }
    Field name = f.get("name");
    if (name.value().isEmpty()) {
      throw refuse(name.place(), "the camera has no name");
    }
    Field purposeField = f.get("purpose");
    Camera.Purpose purpose;
    try {
      purpose = purpose(purposeField.value());
    } catch (IllegalArgumentException e) {
      throw refuse(purposeField.place(), "'" + purposeField.value() + "' is not a purpose; " + e.getMessage());
    }
    double lat = coordinate(f.get("lat"), 90);
    double lon = coordinate(f.get("lon"), 180);
    if (!city.contains(lon, lat)) {
      throw refuse(f.get("lat").place(), "the point " + lat + ", " + lon + " is outside the city", ErrorCode.COORDINATES_OUT_OF_AREA);
    }
    String district = districts.findContaining(lon, lat).map(d -> d.code()).orElse(null);
    Field urlField = f.getOrDefault("stream_url", new Field("", null));
    Field kindField = f.getOrDefault("stream_kind", new Field("", null));
    String url = urlField.value().isEmpty() ? null : urlField.value();
    Camera.StreamKind kind;
    try {
      kind = kindField.value().isEmpty()
          ? (url == null ? Camera.StreamKind.NONE : url.toLowerCase(Locale.ROOT).contains(".m3u8") ? Camera.StreamKind.HLS : null)
          : Camera.StreamKind.fromCode(kindField.value());
    } catch (IllegalArgumentException e) {
      throw refuse(kindField.place(), "'" + kindField.value() + "' is not a stream kind; " + e.getMessage());
    }
    if (kind == null) {
      throw refuse(kindField.place() == null ? urlField.place() : kindField.place(), "say the stream_kind (hls, mjpeg or snapshot) of " + url);
    }
    if (kind == Camera.StreamKind.TEST_PATTERN) {
      throw refuse(kindField.place(), "test-pattern cameras are the demo's own; import hls, mjpeg, snapshot or none");
    }
    checkStream(kind, url, urlField.place());
    Field nameEn = f.getOrDefault("name_en", new Field("", null));
    Field organization = f.getOrDefault("organization", new Field("", null));
    if (!organization.value().isEmpty() && !organizations.test(organization.value())) {
      throw refuse(organization.place(), "'" + organization.value() + "' is not an organization of the catalog (its name, e.g. safety)");
    }
    return new Camera(id.value(), name.value(), nameEn.value().isEmpty() ? null : nameEn.value(), purpose, lat, lon, district,
        organization.value().isEmpty() ? null : organization.value(), kind, kind.hasUrl() ? url : null, false,
        kind.hasUrl() ? Camera.Status.UNKNOWN : Camera.Status.NO_STREAM, null, null, null);
  }

  /** @throws MadangException naming the place when the address does not fit the kind or the guard refuses it */
  void checkStream(Camera.StreamKind kind, String url, Place place) {
    if (kind.hasUrl() && url == null) {
      throw refuse(place, "a " + kind.code() + " camera needs its stream_url");
    }
    if (!kind.hasUrl() && url != null) {
      throw refuse(place, "a camera of stream kind " + kind.code() + " has no stream_url");
    }
    if (url == null) {
      return;
    }
    if (url.toLowerCase(Locale.ROOT).startsWith("rtsp:")) {
      throw refuse(place, "RTSP is not proxied; run an external transcoder (ffmpeg or MediaMTX writing HLS) and register its .m3u8 playlist");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw refuse(place, "'" + url + "' is not an address");
    }
    StreamClient.Refusal refusal = streams.check(uri);
    if (refusal != null) {
      throw refuse(place, refusal.reason());
    }
  }

  static Camera.Purpose purpose(String value) {
    return switch (value.strip()) {
      case "방범", "생활방범", "범죄예방" -> Camera.Purpose.CRIME_PREVENTION;
      case "교통" -> Camera.Purpose.TRAFFIC;
      case "재난", "재해", "방재" -> Camera.Purpose.DISASTER;
      case "공원" -> Camera.Purpose.PARKS;
      default -> Camera.Purpose.fromCode(value);
    };
  }

  private static double coordinate(Field field, double limit) {
    double v;
    try {
      v = Double.parseDouble(field.value());
    } catch (NumberFormatException e) {
      throw refuse(field.place(), field.place().field() + " '" + field.value() + "' is not a number");
    }
    if (!Double.isFinite(v) || Math.abs(v) > limit) {
      throw refuse(field.place(), field.place().field() + " " + field.value() + " is out of range (-" + (int) limit + " to " + (int) limit + ")");
    }
    return v;
  }

  private static MadangException refuse(Place place, String problem) {
    return refuse(place, problem, ErrorCode.INVALID_ARGUMENT);
  }

  private static MadangException refuse(Place place, String problem, ErrorCode code) {
    if (place == null) {
      return new MadangException(code, "The camera cannot be accepted: " + problem + ".", Map.of());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("field", place.field());
    if (place.line() > 0) {
      details.put("line", place.line());
      details.put("column", place.column());
      return new MadangException(code, "Line " + place.line() + ", column " + place.column() + " (" + place.field() + "): " + problem + ".", details);
    }
    return new MadangException(code, "The camera's " + place.field() + " cannot be accepted: " + problem + ".", details);
  }
}
