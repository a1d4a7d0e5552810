package org.madang.engine.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/** Turns Jackson's parse errors into one-sentence errors that name the line and column. */
final class JsonLocations {

  private JsonLocations() {}

  static MadangException malformed(String fileName, JacksonException e) {
    TokenStreamLocation at = e.getLocation();
    Map<String, Object> details = new LinkedHashMap<>();
    String where = "";
    if (at != null && at.getLineNr() > 0) {
      details.put("line", at.getLineNr());
      details.put("column", at.getColumnNr());
      where = " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
    String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String reason =
        what.contains("end-of-input")
            ? "it ends before the JSON is closed"
            : "the JSON is broken (" + firstLine(what) + ")";
    return new MadangException(ErrorCode.MALFORMED_FILE, "The file " + fileName + " cannot be read" + where + ": " + reason + ".", details, e);
  }

  static MadangException malformed(String fileName, String problem, TokenStreamLocation at) {
    Map<String, Object> details = new LinkedHashMap<>();
    String where = "";
    if (at != null && at.getLineNr() > 0) {
      details.put("line", at.getLineNr());
      details.put("column", at.getColumnNr());
      where = " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
    return new MadangException(ErrorCode.MALFORMED_FILE, "The file " + fileName + " cannot be read" + where + ": " + problem + ".", details);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 160 ? line.substring(0, 160) + "…" : line;
  }
}
