package org.madang.engine.analysis;

/** Told how far an analysis has come; called on the analysing thread, so keep it quick. */
@FunctionalInterface
public interface AnalysisProgress {

  AnalysisProgress NONE = (phase, fraction) -> {};

  /**
   * @param phase what is happening: reading, weights, statistics, density, clustering, solving, writing
   * @param fraction the share of the work done, 0 to 1
   */
  void update(String phase, double fraction);
}
