package org.madang.engine.observation;

/** How rolling aggregates group stations. */
public enum AreaKind {
  /** By the district code of the station's place. */
  DISTRICT,
  /** By the H3 cell of the station's place, at the engine's resolution. */
  H3
}
