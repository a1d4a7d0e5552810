/** The command line of madang.jar: serve (the default), ingest and query. */
package org.madang.cli;
