/**
 * The embedded data engine: turns departments' files into versioned DuckDB tables enriched with district and H3
 * cell, profiles them, and answers read-only queries. Free of Spring; the app drives it through {@link
 * org.madang.engine.DataEngine}.
 */
package org.madang.engine;
