package org.madang.cctv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/**
 * Camera files, CSV (UTF-8 or CP949) and GeoJSON: every camera or a refusal naming the first bad value's line and
 * column, on a city of two square districts.
 */
class CameraFileTest {

  private static final GeometryFactory GEOMETRY = new GeometryFactory();
  private static final DistrictIndex CITY = DistrictIndex.of(List.of(
      new District("11110", "서구", "Seo-gu", square(126.90, 37.50, 127.00, 37.60)),
      new District("11120", "동구", "Dong-gu", square(127.00, 37.50, 127.10, 37.60))));
  private final CameraFile files = new CameraFile(CITY, new StreamClient(AddressPolicy.allowing(List.of()), Duration.ofSeconds(1), Duration.ofSeconds(1), 0),
      name -> name.equals("safety"));

  private static org.locationtech.jts.geom.Polygon square(double x0, double y0, double x1, double y1) {
    return GEOMETRY.createPolygon(new Coordinate[] {new Coordinate(x0, y0), new Coordinate(x1, y0), new Coordinate(x1, y1), new Coordinate(x0, y1),
        new Coordinate(x0, y0)});
  }

  private static MadangException refusal(Runnable r) {
    try {
      r.run();
    } catch (MadangException e) {
      return e;
    }
    throw new AssertionError("no refusal");
  }

  @Test
  void readsACp949CsvWithKoreanPurposesAndLocatesEachCameraInItsDistrict() {
    String csv = "\"id\",\"name\",\"목적\",\"위도\",\"경도\",\"stream_url\"\r\nw-1,서구 교차로,교통,37.55,126.95,https://cams.example.org/w1.m3u8\r\ne-1,\"동구 공원, 북문\",공원,37.55,127.05,\r\n";
    List<Camera> cameras = files.read("cameras.csv", csv.getBytes(Charset.forName("x-windows-949")));
    assertThat(cameras).hasSize(2);
    assertThat(cameras.get(0).districtCode()).isEqualTo("11110");
    assertThat(cameras.get(0).streamKind()).isEqualTo(Camera.StreamKind.HLS);
    assertThat(cameras.get(0).status()).isEqualTo(Camera.Status.UNKNOWN);
    assertThat(cameras.get(1).nameKo()).isEqualTo("동구 공원, 북문");
    assertThat(cameras.get(1).districtCode()).isEqualTo("11120");
    assertThat(cameras.get(1).purpose()).isEqualTo(Camera.Purpose.PARKS);
    assertThat(cameras.get(1).status()).isEqualTo(Camera.Status.NO_STREAM);
  }

  @Test
  void aBadCoordinateInACsvNamesItsLineAndColumn() {
    String header = "id,name,purpose,lat,lon\n";
    MadangException notNumber = refusal(() -> files.read("c.csv", (header + "a,A,traffic,37.55,126.95\n\nb,B,traffic,37.55,east\n").getBytes(StandardCharsets.UTF_8)));
    assertThat(notNumber.details()).containsEntry("line", 4).containsEntry("column", 5).containsEntry("field", "lon");
    assertThat(notNumber.getMessage()).startsWith("Line 4, column 5 (lon): lon 'east' is not a number");

    MadangException range = refusal(() -> files.read("c.csv", (header + "a,A,traffic,97.55,126.95\n").getBytes(StandardCharsets.UTF_8)));
    assertThat(range.details()).containsEntry("line", 2).containsEntry("column", 4);
    assertThat(range.getMessage()).contains("out of range");

    MadangException outside = refusal(() -> files.read("c.csv", (header + "a,A,traffic,35.18,129.07\n").getBytes(StandardCharsets.UTF_8)));
    assertThat(outside.code()).isEqualTo(ErrorCode.COORDINATES_OUT_OF_AREA);
    assertThat(outside.getMessage()).contains("outside the city");

    // a quoted cell over two lines: the next record's line is still right
    MadangException afterMultiline = refusal(() -> files.read("c.csv",
        (header + "a,\"two\nlines\",traffic,37.55,126.95\nb,B,nonsense,37.55,126.95\n").getBytes(StandardCharsets.UTF_8)));
    assertThat(afterMultiline.details()).containsEntry("line", 4).containsEntry("column", 3).containsEntry("field", "purpose");

    MadangException unknownOwner = refusal(() -> files.read("c.csv", "id,name,purpose,lat,lon,organization\na,A,traffic,37.55,126.95,safety\nb,B,traffic,37.55,126.95,nobody\n"
        .getBytes(StandardCharsets.UTF_8)));
    assertThat(unknownOwner.details()).containsEntry("line", 3).containsEntry("column", 6).containsEntry("field", "organization");

    MadangException twice = refusal(() -> files.read("c.csv", (header + "a,A,traffic,37.55,126.95\na,B,traffic,37.55,126.95\n").getBytes(StandardCharsets.UTF_8)));
    assertThat(twice.getMessage()).contains("appears twice");
  }

  @Test
  void aBadCoordinateInGeoJsonNamesTheFeaturesLineAndColumn() {
    String geojson = """
        {"type": "FeatureCollection",
         "features": [
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [126.95, 37.55]}, "properties": {"id": "g-1", "name": "하나", "purpose": "disaster"}},
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": ["x", 37.55]}, "properties": {"id": "g-2", "name": "둘", "purpose": "disaster"}}
         ]}
        """;
    MadangException e = refusal(() -> files.read("cams.geojson", geojson.getBytes(StandardCharsets.UTF_8)));
    assertThat(e.details()).containsEntry("line", 4).containsEntry("column", 3).containsEntry("field", "lon");
    assertThat(files.read("cams.geojson", geojson.replace("\"x\"", "127.05").getBytes(StandardCharsets.UTF_8)))
        .extracting(Camera::districtCode).containsExactly("11110", "11120");
    MadangException broken = refusal(() -> files.read("cams.geojson", "{\"features\": [ {\"type\": ".getBytes(StandardCharsets.UTF_8)));
    assertThat(broken.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
  }

  @Test
  void streamAddressesMustBeHttpAndNotPrivateAndRtspIsSentToATranscoder() {
    Map<String, String> camera = new java.util.HashMap<>(Map.of("id", "x", "name", "X", "purpose", "traffic", "lat", "37.55", "lon", "126.95",
        "stream_kind", "snapshot"));
    camera.put("stream_url", "rtsp://cams.example.org/live");
    assertThat(refusal(() -> files.one(camera)).getMessage()).contains("transcoder");
    camera.put("stream_url", "http://10.1.2.3/snap.jpg");
    assertThat(refusal(() -> files.one(camera)).getMessage()).contains("private");
    camera.put("stream_url", "gopher://cams.example.org/");
    assertThat(refusal(() -> files.one(camera)).details()).containsEntry("field", "stream_url");
    camera.put("stream_url", "https://cams.example.org/snap.jpg");
    assertThat(files.one(camera).streamUrl()).isEqualTo("https://cams.example.org/snap.jpg");
    camera.put("stream_kind", "test-pattern");
    assertThatThrownBy(() -> files.one(camera)).isInstanceOf(MadangException.class);
  }
}
