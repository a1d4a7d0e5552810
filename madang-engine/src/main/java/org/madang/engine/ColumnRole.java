package org.madang.engine;

/** What a stored column is for. */
public enum ColumnRole {
  /** A column of the source file. */
  DATA,
  /** The source column holding latitude (WGS84). */
  LATITUDE,
  /** The source column holding longitude (WGS84). */
  LONGITUDE,
  /** A geometry as WKT, from GeoJSON or a WKT column. */
  GEOMETRY,
  /** Added by the engine: the district code of the row's location (or of its district name). */
  DISTRICT,
  /** Added by the engine: the H3 cell of the row's location. */
  H3_CELL,
  /** Added by the engine: the row's number in the file, starting at 1. */
  ROW_ID
}
