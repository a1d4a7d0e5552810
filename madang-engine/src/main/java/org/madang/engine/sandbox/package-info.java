/**
 * The SQL sandbox: runs untrusted SQL from analysts over exactly the relations the caller may read, with time, row and
 * concurrency limits, and lets project members keep working tables in their project's own schema.
 */
package org.madang.engine.sandbox;
