package org.madang.engine.ingest;

/**
 * One column of a prepared source.
 *
 * @param name the safe SQL name ({@link ColumnNamer})
 * @param label the header as written in the file
 * @param kind the type guessed from a sample of the values
 * @param needsCleaning true when the values must be read as text and converted to {@code kind} only if every value in
 *     the column parses after removing thousands separators and padding ("-" counting as zero)
 */
public record SourceColumn(String name, String label, ValueKind kind, boolean needsCleaning) {

  /** The type DuckDB reads the raw column as. */
  public ValueKind readKind() {
    return needsCleaning ? ValueKind.VARCHAR : kind;
  }

  /** The same column read as text and converted afterwards if the whole column allows. */
  public SourceColumn withCleaning() {
    return kind == ValueKind.VARCHAR ? this : new SourceColumn(name, label, kind, true);
  }
}
