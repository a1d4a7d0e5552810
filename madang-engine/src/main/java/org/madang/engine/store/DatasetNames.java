package org.madang.engine.store;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/**
 * How datasets and their versions are named inside DuckDB: the dataset {@code bike-stations} is the view {@code
 * main."bike_stations"} over its current version, and its version 2 is the table {@code versions."bike_stations__v2"}.
 */
final class DatasetNames {

  private static final Pattern DATASET = Pattern.compile("^[a-z][a-z0-9_-]{1,62}$");
  private static final Pattern VERSION_TABLE =
      Pattern.compile("^(?:\"?versions\"?\\.)?\"?([a-z][a-z0-9_]{1,62})__v(\\d{1,9})\"?$");
  private static final Pattern VIEW = Pattern.compile("^(?:\"?main\"?\\.)?\"?([a-z][a-z0-9_-]{1,62})\"?$");

  private DatasetNames() {}

  /** Refuses names that are not slugs: lowercase letters, digits, '-' and '_', starting with a letter, 2 to 63 long. */
  static void requireValid(String dataset) {
    if (dataset == null || !DATASET.matcher(dataset).matches()) {
      throw new MadangException(
          ErrorCode.INVALID_NAME,
          "The dataset name " + (dataset == null ? "(none)" : "\"" + dataset + "\"")
              + " is not allowed; use 2 to 63 lowercase letters, digits, '-' or '_', starting with a letter.",
          Map.of("field", "dataset"));
    }
  }

  static String sqlName(String dataset) {
    return dataset.replace('-', '_');
  }

  /** {@code versions."x__v2"} */
  static String versionTable(String dataset, int version) {
    return "versions.\"" + versionTableName(dataset, version) + "\"";
  }

  static String versionTableName(String dataset, int version) {
    return sqlName(dataset) + "__v" + version;
  }

  /** {@code main."x"} */
  static String view(String dataset) {
    return "main.\"" + sqlName(dataset) + "\"";
  }

  /** A version table in any spelling callers use: {@code versions."x__v2"}, {@code versions.x__v2}, {@code x__v2}. */
  record VersionRef(String sqlName, int version) {
    String table() {
      return "versions.\"" + tableName() + "\"";
    }

    String tableName() {
      return sqlName + "__v" + version;
    }
  }

  static Optional<VersionRef> parseVersionTable(String table) {
    if (table == null) {
      return Optional.empty();
    }
    Matcher m = VERSION_TABLE.matcher(table.strip());
    return m.matches() ? Optional.of(new VersionRef(m.group(1), Integer.parseInt(m.group(2)))) : Optional.empty();
  }

  /** The view name in {@code main."x"}, {@code main.x}, {@code x} or the dataset's own name {@code x-y}. */
  static Optional<String> parseView(String table) {
    if (table == null) {
      return Optional.empty();
    }
    Matcher m = VIEW.matcher(table.strip());
    return m.matches() ? Optional.of(sqlName(m.group(1))) : Optional.empty();
  }
}
