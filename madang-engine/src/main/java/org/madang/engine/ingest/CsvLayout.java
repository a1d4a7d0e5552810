package org.madang.engine.ingest;

import java.util.List;

/**
 * How a delimited text file is laid out, as found from its first megabyte.
 *
 * @param delimiter the field separator
 * @param quote the quote character, or 0 when fields are never quoted
 * @param columns how many fields every record has
 * @param headerRecords how many records at the top form the header (0 when the file has none)
 * @param firstDataLine the 1-based line on which the first data record starts
 * @param labels one label per column, header rows joined top to bottom
 * @param sample data records from the start of the file, for guessing types and spotting headers
 */
record CsvLayout(
    char delimiter, char quote, int columns, int headerRecords, long firstDataLine, List<String> labels, List<String[]> sample) {}
