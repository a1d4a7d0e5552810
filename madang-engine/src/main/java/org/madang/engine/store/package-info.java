/** The DuckDB warehouse: versioned tables with an atomic swap, profiles, paged reads, exports and read-only queries. */
package org.madang.engine.store;
