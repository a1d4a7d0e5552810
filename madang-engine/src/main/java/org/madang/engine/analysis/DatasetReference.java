package org.madang.engine.analysis;

/**
 * A dataset an analysis reads, with the parameter that names it (e.g. {@code input}, {@code value.dataset}), so that a
 * caller checking access can name the parameter at fault.
 */
public record DatasetReference(String dataset, String field) {}
