/** Locating rows: finding coordinate, geometry or district-name columns, and adding district codes and H3 cells inside DuckDB. */
package org.madang.engine.enrich;
