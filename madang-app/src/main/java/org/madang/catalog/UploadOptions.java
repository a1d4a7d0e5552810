package org.madang.catalog;

import org.madang.engine.SourceFormat;

/**
 * How to read an uploaded file; every field may be null to let the engine detect it.
 *
 * @param allowOutsideArea keep rows located outside the city (without a district) instead of refusing the file
 */
public record UploadOptions(SourceFormat format, String sheet, String encoding, String latColumn, String lonColumn, boolean allowOutsideArea) {

  public static UploadOptions detect() {
    return new UploadOptions(null, null, null, null, null, false);
  }
}
