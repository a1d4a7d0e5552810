package org.madang.engine;

import java.nio.file.Path;

/**
 * One file to become a new version of a dataset.
 *
 * @param dataset the dataset's name (slug: lowercase letters, digits, '-' and '_', starting with a letter)
 * @param version the version number this upload becomes (the catalog assigns it)
 * @param file the uploaded bytes, already on local disk
 * @param fileName the name the uploader gave the file, used to guess the format and in messages
 * @param format the format, or null to take it from the file name and content
 * @param sheet the XLSX sheet to read, or null for the first
 * @param encoding the text encoding to use (e.g. "CP949"), or null to detect it
 * @param latColumn the column holding latitude, or null to detect it (위도, lat, latitude, y, ...)
 * @param lonColumn the column holding longitude, or null to detect it
 * @param allowOutsideArea when false, rows whose coordinates fall outside the city fail the upload; when true they are
 *     kept with no district and counted in the report
 */
public record IngestRequest(
    String dataset,
    int version,
    Path file,
    String fileName,
    SourceFormat format,
    String sheet,
    String encoding,
    String latColumn,
    String lonColumn,
    boolean allowOutsideArea) {

  public static IngestRequest of(String dataset, int version, Path file) {
    return new IngestRequest(dataset, version, file, file.getFileName().toString(), null, null, null, null, null, false);
  }

  public IngestRequest withFileName(String name) {
    return new IngestRequest(dataset, version, file, name, format, sheet, encoding, latColumn, lonColumn, allowOutsideArea);
  }

  public IngestRequest withFormat(SourceFormat f) {
    return new IngestRequest(dataset, version, file, fileName, f, sheet, encoding, latColumn, lonColumn, allowOutsideArea);
  }

  public IngestRequest withSheet(String s) {
    return new IngestRequest(dataset, version, file, fileName, format, s, encoding, latColumn, lonColumn, allowOutsideArea);
  }

  public IngestRequest withEncoding(String e) {
    return new IngestRequest(dataset, version, file, fileName, format, sheet, e, latColumn, lonColumn, allowOutsideArea);
  }

  public IngestRequest withCoordinates(String lat, String lon) {
    return new IngestRequest(dataset, version, file, fileName, format, sheet, encoding, lat, lon, allowOutsideArea);
  }

  public IngestRequest withAllowOutsideArea(boolean allow) {
    return new IngestRequest(dataset, version, file, fileName, format, sheet, encoding, latColumn, lonColumn, allow);
  }
}
