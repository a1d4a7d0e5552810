package org.madang.cctv;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the platform needs of an HLS playlist (RFC 8216): whether it is a master playlist, the URIs it names, when its
 * newest segment ends, and the same text with every URI replaced (the proxy's signed links).
 *
 * @param newestFrame the end of the last segment from {@code EXT-X-PROGRAM-DATE-TIME} and {@code EXTINF}, or null
 */
record HlsPlaylist(boolean isMaster, List<String> uris, Instant newestFrame) {

  private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]*)\"");

  static HlsPlaylist parse(String text) {
    boolean master = false;
    List<String> uris = new ArrayList<>();
    Instant next = null;
    double duration = 0;
    Instant newest = null;
    for (String raw : text.split("\\r?\\n|\\r")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#EXT-X-STREAM-INF")) {
        master = true;
      } else if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) {
        try {
          next = OffsetDateTime.parse(line.substring("#EXT-X-PROGRAM-DATE-TIME:".length()).strip()).toInstant();
        } catch (DateTimeParseException e) {
          next = null;
        }
      } else if (line.startsWith("#EXTINF:")) {
        String d = line.substring("#EXTINF:".length());
        int comma = d.indexOf(',');
        try {
          duration = Double.parseDouble((comma < 0 ? d : d.substring(0, comma)).strip());
        } catch (NumberFormatException e) {
          duration = 0;
        }
      } else if (!line.startsWith("#")) {
        uris.add(line);
        if (next != null) {
          next = next.plusMillis((long) (duration * 1000));
          newest = next;
        }
        duration = 0;
      }
    }
    return new HlsPlaylist(master, List.copyOf(uris), newest);
  }

  /**
   * The playlist with each URI (lines and {@code URI="..."} attributes) resolved against {@code base} and replaced by
   * {@code replace.apply(absoluteUri, namesAPlaylist)}.
   */
  static String rewrite(String text, URI base, BiFunction<String, Boolean, String> replace) {
    boolean master = text.contains("#EXT-X-STREAM-INF");
    StringBuilder out = new StringBuilder(text.length() * 2);
    for (String raw : text.split("\\r?\\n|\\r")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        out.append('\n');
      } else if (line.startsWith("#")) {
        boolean playlist = line.startsWith("#EXT-X-MEDIA:") || line.startsWith("#EXT-X-I-FRAME-STREAM-INF:") || line.startsWith("#EXT-X-RENDITION-REPORT:");
        Matcher m = URI_ATTRIBUTE.matcher(line);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
          m.appendReplacement(b, Matcher.quoteReplacement("URI=\"" + replace.apply(base.resolve(m.group(1)).toString(), playlist) + "\""));
        }
        m.appendTail(b);
        out.append(b).append('\n');
      } else {
        out.append(replace.apply(base.resolve(line).toString(), master)).append('\n');
      }
    }
    return out.toString();
  }
}
