/** Reading departments' files (CSV/TSV, XLSX, JSON, GeoJSON, Parquet): formats, encodings, dialects, headers and column names. */
package org.madang.engine.ingest;
