package org.madang.engine.sandbox;

/** A table a project's members made from a query, in the project's own schema. */
public record WorkingTable(String workspace, String name, long rowCount, int columnCount) {}
