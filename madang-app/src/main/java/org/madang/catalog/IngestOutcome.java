package org.madang.catalog;

/** A dataset after an upload, with the version that upload became. */
public record IngestOutcome(Dataset dataset, DatasetVersion version, boolean created) {}
