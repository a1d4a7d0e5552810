package org.madang.engine;

/** Receives progress of one ingest; called from the ingesting thread. */
public interface IngestProgress {

  IngestProgress NONE = (phase, done, total) -> {};

  /**
   * @param phase what is happening now, e.g. "reading", "enriching", "profiling"
   * @param done units done in this phase
   * @param total units in this phase, or -1 when unknown
   */
  void update(String phase, long done, long total);
}
