package org.madang.engine.ingest;

import java.nio.file.Path;
import java.util.List;
import org.madang.engine.SourceFormat;

/**
 * A source file made ready for DuckDB: a UTF-8 CSV (the upload itself when it already was one, else a rewrite of it)
 * or a Parquet file, in the ingest's work directory, with everything the engine learned about it.
 *
 * @param file the file DuckDB reads
 * @param format the format the upload was in
 * @param parquet true when {@code file} is Parquet, else it is delimited text
 * @param encoding the upload's text encoding as reported, or null for binary formats
 * @param delimiter the field separator of {@code file}
 * @param quote the quote character of {@code file}, or 0 for none
 * @param skipRecords records DuckDB skips at the top (the header)
 * @param headerRows header rows the upload had, as reported
 * @param nullPadding whether rows may be shorter than the table (XLSX)
 * @param columns the columns in file order; empty for Parquet, whose columns DuckDB describes
 * @param firstDataLine the line (CSV), row (XLSX) or record (JSON) number of the first data row
 * @param position how to name a place in the upload: "line", "row" or "record"
 * @param warnings things worth telling the uploader
 * @param repair how to rewrite {@code file} when DuckDB cannot read it as it is, or null when it already was rewritten
 */
public record PreparedSource(
    Path file,
    SourceFormat format,
    boolean parquet,
    String encoding,
    char delimiter,
    char quote,
    int skipRecords,
    int headerRows,
    boolean nullPadding,
    List<SourceColumn> columns,
    long firstDataLine,
    String position,
    List<String> warnings,
    Repair repair) {

  /** Rewrites a delimited upload into a form DuckDB's strict reader accepts, checking it record by record. */
  public interface Repair {
    /**
     * The same source rewritten as UTF-8 with LF line ends.
     *
     * @throws org.madang.engine.MadangException naming the line when a record is broken or a byte does not decode
     */
    PreparedSource rewrite();
  }

  public PreparedSource withColumns(List<SourceColumn> newColumns) {
    return new PreparedSource(
        file, format, parquet, encoding, delimiter, quote, skipRecords, headerRows, nullPadding, List.copyOf(newColumns), firstDataLine,
        position, warnings, repair);
  }

  /** The place in the upload of the data row with this {@code _id}, e.g. line 14 of a CSV. */
  public long positionOf(long rowId) {
    return firstDataLine + rowId - 1;
  }
}
