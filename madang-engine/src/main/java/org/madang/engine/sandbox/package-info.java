/**
 * The SQL sandbox: runs untrusted SQL from analysts over exactly the relations the caller may read, with time, row and
 * concurrency limits, lets project members keep working tables in their project's own schema, and tabulates their
 * row-level queries into tables of aggregates for output requests' disclosure checks.
 */
package org.madang.engine.sandbox;
