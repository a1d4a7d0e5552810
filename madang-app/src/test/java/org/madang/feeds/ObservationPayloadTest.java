package org.madang.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.feeds.ObservationIntake.IntakeReceipt;
import org.madang.feeds.ObservationIntake.Rejection;

class ObservationPayloadTest {

  private final ObservationPayload payload = new ObservationPayload(1024 * 1024, ObservationPayload.MAX_RECORDS);

  private ObservationPayload.Parsed parse(String json) {
    return payload.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsOneObservationWithNumbersAsValuesAndTextsAsLabels() {
    ObservationPayload.Parsed parsed = parse("""
        {"station": "강남구", "observed_at": "2025-05-01T14:00:00+09:00", "lat": 37.5172, "lon": 127.0473,
         "values": {"pm10": 35, "pm25": 18.5, "congestion": "붐빔", "grade": "2", "o3": null}, "unit": "ignored"}""");

    assertThat(parsed.rejections()).isEmpty();
    assertThat(parsed.observations()).containsExactly(new Observation(
        "강남구", OffsetDateTime.parse("2025-05-01T14:00:00+09:00"), 37.5172, 127.0473,
        Map.of("pm10", 35.0, "pm25", 18.5), Map.of("congestion", "붐빔", "grade", "2")));
    assertThat(parsed.positions()).containsExactly(0);
  }

  @Test
  void keepsGoodRecordsOfAnArrayAndRefusesEachBadOneWithItsPositionAndReason() {
    ObservationPayload.Parsed parsed = parse("""
        [{"station": "A", "observed_at": "2025-05-01T05:00:00Z", "values": {"pm10": 1}},
         {"observed_at": "2025-05-01T05:00:00Z", "values": {"pm10": 1}},
         {"station": "C", "observed_at": "2025-05-01T14:00:00", "values": {"pm10": 1}},
         {"station": "D", "observed_at": "yesterday", "values": {"pm10": 1}},
         {"station": "E", "observed_at": "2025-05-01T05:00:00Z", "values": {"pm10": true}},
         {"station": "F", "observed_at": "2025-05-01T05:00:00Z", "values": {"pm10": [1, 2]}},
         {"station": "G", "observed_at": "2025-05-01T05:00:00Z", "lat": 37.5, "values": {"pm10": 1}},
         {"station": "H", "observed_at": "2025-05-01T05:00:00Z", "values": {}},
         {"station": "I", "observed_at": "2025-05-01T05:00:00Z", "values": {"pm10": null}},
         42,
         {"station": 1101, "observed_at": "2025-05-01 14:00:00+09:00", "values": {"no2": 0.021}}]""");

    assertThat(parsed.observations()).extracting(Observation::station).containsExactly("A", "1101");
    assertThat(parsed.positions()).containsExactly(0, 10);
    assertThat(parsed.observations().get(1).observedAt()).isEqualTo(OffsetDateTime.parse("2025-05-01T05:00:00Z"));
    assertThat(parsed.rejections()).extracting(Rejection::index).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(parsed.rejections()).extracting(Rejection::reason).containsExactly(
        "Record 1 is refused: it has no station.",
        "Record 2 is refused: its observed_at 2025-05-01T14:00:00 has no UTC offset (add Z or +09:00).",
        "Record 3 is refused: its observed_at yesterday is not an ISO-8601 date and time.",
        "Record 4 is refused: the value of pm10 is neither a number nor a text.",
        "Record 5 is refused: the value of pm10 is neither a number nor a text.",
        "Record 6 is refused: it has lat without lon.",
        "Record 7 is refused: it has no values.",
        "Record 8 is refused: it has no values.",
        "Record 9 is not a JSON object.");
    assertThat(parsed.rejections().get(3).station()).isEqualTo("E");
    assertThat(parsed.records()).isEqualTo(11);
  }

  @Test
  void refusesBadMeasureNamesAndCoordinatesThatAreNotDegrees() {
    ObservationPayload.Parsed parsed = parse("""
        [{"station": "A", "observed_at": "2025-05-01T05:00:00Z", "values": {"pm 10": 1}},
         {"station": "B", "observed_at": "2025-05-01T05:00:00Z", "lat": 127.0, "lon": 37.5, "values": {"pm10": 1}},
         {"station": "C", "observed_at": "2025-05-01T05:00:00Z", "lat": "37.5", "lon": 127.0, "values": {"pm10": 1}}]""");

    assertThat(parsed.observations()).isEmpty();
    assertThat(parsed.rejections()).extracting(Rejection::reason).containsExactly(
        "Record 0 is refused: the measure name 'pm 10' is not 1 to 64 letters, digits, _, - or ..",
        "Record 1 is refused: its lat/lon 127.0, 37.5 are not WGS84 degrees.",
        "Record 2 is refused: its lat is not a number.");
  }

  @Test
  void refusesMalformedJsonWholeNamingLineAndColumn() {
    assertThatThrownBy(() -> parse("[{\"station\": \"A\",\n \"observed_at\": }]"))
        .isInstanceOfSatisfying(MadangException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
          assertThat(e.details()).containsEntry("field", "payload").containsEntry("line", 2);
          assertThat(e.getMessage()).startsWith("The payload cannot be read at line 2");
        });
    assertThatThrownBy(() -> parse("[{\"station\": \"A\""))
        .isInstanceOfSatisfying(MadangException.class, e -> assertThat(e.getMessage()).contains("ends before the JSON is closed"));
    assertThatThrownBy(() -> parse("\"pm10\""))
        .isInstanceOfSatisfying(MadangException.class, e -> assertThat(e.getMessage()).contains("one observation object or an array"));
    assertThatThrownBy(() -> parse("{\"station\": \"A\"} {\"station\": \"B\"}"))
        .isInstanceOfSatisfying(MadangException.class, e -> assertThat(e.getMessage()).contains("something follows"));
    assertThatThrownBy(() -> parse(""))
        .isInstanceOfSatisfying(MadangException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE));
  }

  @Test
  void refusesMoreRecordsThanTheLimit() {
    ObservationPayload small = new ObservationPayload(1024 * 1024, 3);
    String record = "{\"station\": \"A\", \"observed_at\": \"2025-05-01T05:00:00Z\", \"values\": {\"pm10\": 1}}";

    assertThat(small.parse(("[" + String.join(",", record, record, record) + "]").getBytes(StandardCharsets.UTF_8)).observations()).hasSize(3);
    assertThatThrownBy(() -> small.parse(("[" + String.join(",", record, record, record, record) + "]").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(MadangException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.details()).containsEntry("max_records", 3);
        });
  }

  @Test
  void refusesATenMegabytePayloadWithoutReadingItWhole() {
    ObservationPayload limited = new ObservationPayload(256 * 1024, ObservationPayload.MAX_RECORDS);
    GeneratedPayload tenMegabytes = new GeneratedPayload(10 * 1024 * 1024);

    assertThatThrownBy(() -> limited.parse(tenMegabytes))
        .isInstanceOfSatisfying(MadangException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
          assertThat(e.details()).containsEntry("max_bytes", 256L * 1024);
        });
    assertThat(tenMegabytes.delivered).isLessThanOrEqualTo(256 * 1024 + 1);
    assertThatThrownBy(() -> limited.parse(new byte[10 * 1024 * 1024]))
        .isInstanceOfSatisfying(MadangException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_TOO_LARGE));
  }

  @Test
  void readsAStreamWithinTheLimit() {
    byte[] json = "[{\"station\": \"A\", \"observed_at\": \"2025-05-01T05:00:00Z\", \"values\": {\"pm10\": 1}}]".getBytes(StandardCharsets.UTF_8);
    ObservationPayload exact = new ObservationPayload(json.length, 10);

    assertThat(exact.parse(new ByteArrayInputStream(json)).observations()).hasSize(1);
  }

  @Test
  void reportsTheIntakesRejectionsAtTheirPositionsInThePayload() {
    ObservationPayload.Parsed parsed = parse("""
        [{"values": {"pm10": 1}},
         {"station": "B", "observed_at": "2025-05-01T05:00:00Z", "values": {"pm10": 1}},
         {"station": "C", "observed_at": "2025-05-01T05:00:00Z", "values": {"pm10": 1}}]""");

    IntakeReceipt receipt = parsed.receipt(new IntakeReceipt(1, 0, List.of(new Rejection(1, "C", "Station C is unknown."))));

    assertThat(receipt.accepted()).isEqualTo(1);
    assertThat(receipt.rejected()).extracting(Rejection::index).containsExactly(0, 2);
    assertThat(receipt.rejected().get(1).reason()).isEqualTo("Station C is unknown.");
  }

  /** A 10 MB observation whose label never ends, made as it is read, counting the bytes it handed out. */
  private static final class GeneratedPayload extends InputStream {
    private static final byte[] START =
        "[{\"station\": \"A\", \"observed_at\": \"2025-05-01T05:00:00Z\", \"values\": {\"note\": \"".getBytes(StandardCharsets.UTF_8);
    private final long size;
    long delivered;

    GeneratedPayload(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      if (delivered >= size) {
        return -1;
      }
      int b = delivered < START.length ? START[(int) delivered] : 'x';
      delivered++;
      return b;
    }
  }
}
