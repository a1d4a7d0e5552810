package org.madang.feeds.source;

import java.util.List;
import org.madang.engine.MadangException;
import org.madang.feeds.ObservationIntake.Rejection;

/**
 * Where a connector reports what it refused before the intake saw it (a payload that is not JSON, records the format
 * refused), so stewards find it in the feed's quarantine next to what the intake refused.
 */
interface RefusalSink {

  /** A whole payload refused: malformed, too large, too many records. */
  void payloadRefused(String feed, String source, MadangException why);

  /** Records of a payload refused by the format, by their position in the payload. */
  void recordsRefused(String feed, String source, List<Rejection> rejections);

  RefusalSink NONE = new RefusalSink() {
    @Override
    public void payloadRefused(String feed, String source, MadangException why) {}

    @Override
    public void recordsRefused(String feed, String source, List<Rejection> rejections) {}
  };
}
