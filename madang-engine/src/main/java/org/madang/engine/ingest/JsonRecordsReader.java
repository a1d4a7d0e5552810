package org.madang.engine.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.madang.engine.EngineOptions;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.SourceFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a JSON file of records into a work CSV in two passes (the first finds every key, the second writes), so a
 * large export never sits in memory. Accepted shapes: an array of objects; an object whose first array (directly or
 * one level down) holds the records, as in the Seoul Open API's {@code {"SeoulBikeStation": {"row": [...]}}}. The Seoul open-data file export
 * {@code {"DESCRIPTION": {"STATN_LAT": "위도", ...}, "DATA": [...]}} also gives each key its Korean label.
 *
 * <p>Nested objects and arrays are kept as JSON text.
 */
final class JsonRecordsReader {

  // readTree on one record or feature of a stream: what follows it is not "trailing" here
  private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private JsonRecordsReader() {}

  static PreparedSource prepare(Path file, String fileName, EngineOptions options, Path workDir) {
    Map<String, Integer> keys = new LinkedHashMap<>();
    Map<String, String> descriptions = new HashMap<>();
    long records;
    try (JsonParser p = JSON.createParser(file.toFile())) {
      records = scan(p, fileName, keys, descriptions, options.maxColumns());
    } catch (JacksonException e) {
      throw JsonLocations.malformed(fileName, e);
    }
    if (records == 0) {
      throw new MadangException(ErrorCode.EMPTY_FILE, "The file " + fileName + " has no records.", Map.of("field", "file"));
    }
    List<String> keyList = new ArrayList<>(keys.keySet());
    List<String> names = ColumnNamer.namesFor(keyList);
    List<String> labels = new ArrayList<>();
    for (String key : keyList) {
      labels.add(descriptions.getOrDefault(key.toUpperCase(Locale.ROOT), key));
    }
    Path target = workDir.resolve("source.csv");
    try (JsonParser p = JSON.createParser(file.toFile());
        WorkCsvWriter writer = new WorkCsvWriter(target)) {
      positionAtRecords(p, fileName, new HashMap<>());
      String[] row = new String[keyList.size()];
      while (p.nextToken() == JsonToken.START_OBJECT) {
        java.util.Arrays.fill(row, null);
        readRecord(p, keys, row);
        writer.write(row.clone());
      }
      writer.close();
      return new PreparedSource(
          target, SourceFormat.JSON, false, "UTF-8", ',', '"', 0, 0, false, writer.columns(names, labels), 1, "record",
          List.of(), null);
    } catch (JacksonException e) {
      throw JsonLocations.malformed(fileName, e);
    }
  }

  private static long scan(JsonParser p, String fileName, Map<String, Integer> keys, Map<String, String> descriptions, int maxColumns) {
    positionAtRecords(p, fileName, descriptions);
    long records = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw JsonLocations.malformed(fileName, "it ends before the list of records is closed", p.currentLocation());
      }
      if (t != JsonToken.START_OBJECT) {
        throw JsonLocations.malformed(fileName, "record " + (records + 1) + " is not a JSON object", p.currentTokenLocation());
      }
      records++;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String key = p.currentName();
        if (!keys.containsKey(key)) {
          if (keys.size() >= maxColumns) {
            throw new MadangException(
                ErrorCode.TOO_MANY_COLUMNS,
                "The records in " + fileName + " have more than " + maxColumns + " distinct keys.",
                Map.of("field", key, "record", records, "maxColumns", maxColumns));
          }
          keys.put(key, keys.size());
        }
        p.nextToken();
        p.skipChildren();
      }
    }
    // anything after the records must still be well-formed JSON
    while (p.nextToken() != null) {
      p.skipChildren();
    }
    return records;
  }

  private static void readRecord(JsonParser p, Map<String, Integer> keys, String[] row) {
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      Integer index = keys.get(p.currentName());
      JsonToken v = p.nextToken();
      String value =
          switch (v) {
            case VALUE_NULL -> null;
            case START_OBJECT, START_ARRAY -> JSON.readTree(p).toString();
            default -> p.getText();
          };
      if (index != null) {
        row[index] = value;
      }
    }
  }

  /** Moves the parser onto the START_ARRAY of the records; collects DESCRIPTION labels on the way. */
  private static void positionAtRecords(JsonParser p, String fileName, Map<String, String> descriptions) {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new MadangException(ErrorCode.EMPTY_FILE, "The file " + fileName + " is empty.", Map.of("field", "file"));
    }
    if (t == JsonToken.START_ARRAY) {
      return;
    }
    if (t != JsonToken.START_OBJECT || !findRecordArray(p, descriptions, 0)) {
      throw JsonLocations.malformed(fileName, "it holds no array of records", p.currentLocation());
    }
  }

  private static boolean findRecordArray(JsonParser p, Map<String, String> descriptions, int depth) {
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.START_ARRAY) {
        return true; // the first array is the records (DATA, row, ...); a non-object element is reported by the caller
      }
      if (v == JsonToken.START_OBJECT && name.equalsIgnoreCase("DESCRIPTION") && depth == 0) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String key = p.currentName();
          JsonToken d = p.nextToken();
          if (d == JsonToken.VALUE_STRING) {
            descriptions.put(key.toUpperCase(Locale.ROOT), p.getText());
          } else {
            p.skipChildren();
          }
        }
        continue;
      }
      if (v == JsonToken.START_OBJECT && depth == 0) {
        if (findRecordArray(p, descriptions, depth + 1)) {
          return true;
        }
        continue;
      }
      p.skipChildren();
    }
    return false;
  }
}
