package org.madang.feeds;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.feeds.ObservationIntake.IntakeReceipt;
import org.madang.feeds.ObservationIntake.Rejection;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire format shared by MQTT ({@code madang/obs/{feed}}) and HTTP push ({@code POST /api/feeds/{feed}/observations}):
 * one observation object, or a JSON array of up to {@link #MAX_RECORDS} of them.
 *
 * <pre>{"station": "강남구", "observed_at": "2025-05-01T14:00:00+09:00", "lat": 37.51, "lon": 127.04,
 *  "values": {"pm10": 35, "pm25": 18.5, "congestion": "붐빔"}}</pre>
 *
 * <ul>
 *   <li>{@code station}: required, a text (a number is taken as its text), at most 100 characters;
 *   <li>{@code observed_at}: required, ISO-8601 with a UTC offset ({@code Z} or {@code +09:00}); a time without an
 *       offset is refused, because guessing the zone of a sensor would shift its readings by hours;
 *   <li>{@code lat}/{@code lon}: optional, both or neither, WGS84 degrees (whether they lie in the city is the
 *       intake's check, not the format's);
 *   <li>{@code values}: required, at least one measure; a JSON number is a numeric value, a JSON text is a label
 *       (a category such as a congestion level, kept as typed, also when it looks like a number), null means "not
 *       measured" and is skipped; a boolean, object or array refuses the record. Measure names are letters, digits,
 *       {@code _ - .}, at most 64 characters;
 *   <li>other members are ignored, so publishers may add their own.
 * </ul>
 *
 * <p>A bad record is a {@link Rejection} with its position in the payload and the rest is kept. The whole payload is
 * refused with a {@link MadangException} when it is larger than the byte limit ({@code FILE_TOO_LARGE}, found without
 * reading past the limit), is not JSON or not an object or array of objects ({@code MALFORMED_FILE}, with line and
 * column), or holds more records than the record limit ({@code INVALID_ARGUMENT}). Records are read one at a time from
 * the token stream; no tree of the payload is built. Thread-safe.
 */
public final class ObservationPayload {

  /** The most records one payload may carry: gateways batch up to this many. */
  public static final int MAX_RECORDS = 1000;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern MEASURE = Pattern.compile("[\\p{L}\\p{N}_.\\-]{1,64}");
  private static final int MAX_STATION_CHARS = 100;
  private static final int MAX_LABEL_CHARS = 200;
  private static final int MAX_MEASURES = 100;

  private final long maxBytes;
  private final int maxRecords;

  /**
   * @param maxBytes payloads larger than this are refused whole
   * @param maxRecords payloads with more records than this are refused whole; at most {@link #MAX_RECORDS}
   */
  public ObservationPayload(long maxBytes, int maxRecords) {
    if (maxBytes < 2 || maxRecords < 1 || maxRecords > MAX_RECORDS) {
      throw new IllegalArgumentException("a payload limit needs at least 2 bytes and 1 to " + MAX_RECORDS + " records");
    }
    this.maxBytes = maxBytes;
    this.maxRecords = maxRecords;
  }

  public long maxBytes() {
    return maxBytes;
  }

  public int maxRecords() {
    return maxRecords;
  }

  /** Parses a payload held in memory (an MQTT message). */
  public Parsed parse(byte[] payload) {
    if (payload.length > maxBytes) {
      throw tooLarge();
    }
    try (JsonParser p = JSON.createParser(payload)) {
      return read(p);
    } catch (JacksonException e) {
      throw malformed(e);
    }
  }

  /**
   * Parses a payload from a stream (an HTTP body), reading at most {@code maxBytes + 1} bytes of it. The caller closes
   * the stream.
   */
  public Parsed parse(InputStream payload) {
    CappedStream capped = new CappedStream(payload, maxBytes);
    try (JsonParser p = JSON.createParser(capped)) {
      return read(p);
    } catch (JacksonException | UncheckedIOException e) {
      if (capped.exceeded) {
        throw tooLarge();
      }
      if (e instanceof JacksonException je) {
        throw malformed(je);
      }
      throw (UncheckedIOException) e;
    }
  }

  private Parsed read(JsonParser p) {
    List<Observation> observations = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    JsonToken first = p.nextToken();
    if (first == JsonToken.START_OBJECT) {
      readRecord(p, 0, observations, positions, rejections);
    } else if (first == JsonToken.START_ARRAY) {
      int index = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw malformed("it ends before the array of observations is closed", p.currentLocation());
        }
        if (index == maxRecords) {
          throw new MadangException(
              ErrorCode.INVALID_ARGUMENT,
              "The payload holds more than " + maxRecords + " observations; send them in several payloads.",
              Map.of("field", "payload", "max_records", maxRecords));
        }
        if (t == JsonToken.START_OBJECT) {
          readRecord(p, index, observations, positions, rejections);
        } else {
          p.skipChildren();
          rejections.add(new Rejection(index, null, "Record " + index + " is not a JSON object."));
        }
        index++;
      }
    } else {
      throw malformed(
          first == null ? "it is empty" : "it must be one observation object or an array of them", p.currentTokenLocation());
    }
    if (p.nextToken() != null) {
      throw malformed("something follows the observations", p.currentTokenLocation());
    }
    return new Parsed(observations, positions, rejections);
  }

  /** Reads one object whose START_OBJECT is the current token, up to and including its END_OBJECT. */
  private static void readRecord(
      JsonParser p, int index, List<Observation> observations, List<Integer> positions, List<Rejection> rejections) {
    String station = null;
    String observedAt = null;
    Double lat = null;
    Double lon = null;
    boolean sawValues = false;
    Map<String, Double> values = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    String problem = null;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "station" -> {
          if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
            station = p.getText().strip();
          } else if (t != JsonToken.VALUE_NULL) {
            problem = first(problem, "its station is not a text");
            p.skipChildren();
          }
        }
        case "observed_at" -> {
          if (t == JsonToken.VALUE_STRING) {
            observedAt = p.getText().strip();
          } else if (t != JsonToken.VALUE_NULL) {
            problem = first(problem, "its observed_at is not a text");
            p.skipChildren();
          }
        }
        case "lat", "lon" -> {
          Double d = null;
          if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            d = p.getDoubleValue();
          } else if (t != JsonToken.VALUE_NULL) {
            problem = first(problem, "its " + name + " is not a number");
            p.skipChildren();
          }
          if (name.equals("lat")) {
            lat = d;
          } else {
            lon = d;
          }
        }
        case "values" -> {
          if (t == JsonToken.START_OBJECT) {
            sawValues = true;
            problem = first(problem, readValues(p, values, labels));
          } else if (t != JsonToken.VALUE_NULL) {
            problem = first(problem, "its values are not a JSON object of measures");
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    OffsetDateTime time = null;
    if (problem == null) {
      if (station == null || station.isEmpty()) {
        problem = "it has no station";
      } else if (station.length() > MAX_STATION_CHARS) {
        problem = "its station is longer than " + MAX_STATION_CHARS + " characters";
      } else if (observedAt == null || observedAt.isEmpty()) {
        problem = "it has no observed_at";
      } else if ((lat == null) != (lon == null)) {
        problem = "it has " + (lat == null ? "lon without lat" : "lat without lon");
      } else if (lat != null && !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
        problem = "its lat/lon " + lat + ", " + lon + " are not WGS84 degrees";
      } else if (!sawValues || values.isEmpty() && labels.isEmpty()) {
        problem = "it has no values";
      } else {
        try {
          time = parseTime(observedAt);
        } catch (IllegalArgumentException e) {
          problem = e.getMessage();
        }
      }
    }
    if (problem != null) {
      rejections.add(new Rejection(index, station, "Record " + index + " is refused: " + problem + "."));
    } else {
      observations.add(new Observation(station, time, lat, lon, values, labels));
      positions.add(index);
    }
  }

  /** Reads the members of a values object into values and labels; returns the first problem, or null. */
  private static String readValues(JsonParser p, Map<String, Double> values, Map<String, String> labels) {
    String problem = null;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String measure = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      if (problem == null && !MEASURE.matcher(measure).matches()) {
        problem = "the measure name '" + shorten(measure) + "' is not 1 to 64 letters, digits, _, - or .";
      } else if (problem == null && values.size() + labels.size() >= MAX_MEASURES) {
        problem = "it has more than " + MAX_MEASURES + " measures";
      }
      switch (t) {
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
          double v = p.getDoubleValue();
          if (!Double.isFinite(v)) {
            problem = first(problem, "the value of " + measure + " is out of range");
          }
          values.put(measure, v);
        }
        case VALUE_STRING -> {
          String label = p.getText().strip();
          if (label.isEmpty()) {
            problem = first(problem, "the label of " + measure + " is empty");
          } else if (label.length() > MAX_LABEL_CHARS) {
            problem = first(problem, "the label of " + measure + " is longer than " + MAX_LABEL_CHARS + " characters");
          }
          labels.put(measure, label);
        }
        default -> {
          problem = first(problem, "the value of " + measure + " is neither a number nor a text");
          p.skipChildren();
        }
      }
    }
    return problem;
  }

  /** An ISO-8601 date and time with an offset; a space instead of the {@code T} is accepted. */
  static OffsetDateTime parseTime(String text) {
    String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    try {
      return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      try {
        LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        throw new IllegalArgumentException(
            "its observed_at " + shorten(text) + " has no UTC offset (add Z or +09:00)");
      } catch (DateTimeParseException notLocal) {
        throw new IllegalArgumentException("its observed_at " + shorten(text) + " is not an ISO-8601 date and time");
      }
    }
  }

  private static String first(String problem, String another) {
    return problem != null ? problem : another;
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  private MadangException tooLarge() {
    return new MadangException(
        ErrorCode.FILE_TOO_LARGE,
        "The payload is larger than " + maxBytes + " bytes; send the observations in several payloads.",
        Map.of("field", "payload", "max_bytes", maxBytes));
  }

  private static MadangException malformed(JacksonException e) {
    String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    int nl = what.indexOf('\n');
    what = nl < 0 ? what : what.substring(0, nl);
    String reason = what.contains("end-of-input") ? "it ends before the JSON is closed" : "the JSON is broken (" + shorten(what) + ")";
    return malformed(reason, e.getLocation());
  }

  private static MadangException malformed(String reason, TokenStreamLocation at) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("field", "payload");
    String where = "";
    if (at != null && at.getLineNr() > 0) {
      details.put("line", at.getLineNr());
      details.put("column", at.getColumnNr());
      where = " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
    return new MadangException(ErrorCode.MALFORMED_FILE, "The payload cannot be read" + where + ": " + reason + ".", details);
  }

  /**
   * What a payload held.
   *
   * @param observations the well-formed records, in payload order, ready for {@link ObservationIntake#accept}
   * @param positions each observation's position in the payload (0-based), to report the intake's rejections by it
   * @param rejections the records refused by the format, by their position in the payload
   */
  public record Parsed(List<Observation> observations, List<Integer> positions, List<Rejection> rejections) {

    public Parsed {
      observations = List.copyOf(observations);
      positions = List.copyOf(positions);
      rejections = List.copyOf(rejections);
    }

    /** How many records the payload held, good or bad. */
    public int records() {
      return observations.size() + rejections.size();
    }

    /**
     * The receipt for the whole payload: the intake's receipt for {@link #observations()}, with its rejections moved
     * to their positions in the payload and the format's own rejections added, in payload order.
     */
    public IntakeReceipt receipt(IntakeReceipt intake) {
      List<Rejection> all = new ArrayList<>(rejections);
      for (Rejection r : intake.rejected()) {
        int at = r.index() >= 0 && r.index() < positions.size() ? positions.get(r.index()) : r.index();
        all.add(new Rejection(at, r.station(), r.reason()));
      }
      all.sort(Comparator.comparingInt(Rejection::index));
      return new IntakeReceipt(intake.accepted(), intake.duplicates(), all);
    }
  }

  /** Passes at most {@code limit} bytes through and fails on the next one, so an oversized body is never read whole. */
  private static final class CappedStream extends FilterInputStream {
    private final long limit;
    private long count;
    boolean exceeded;

    CappedStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, (int) Math.min(len, limit - count + 1));
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      count += n;
      if (count > limit) {
        exceeded = true;
        throw new IOException("payload larger than " + limit + " bytes");
      }
    }
  }
}
