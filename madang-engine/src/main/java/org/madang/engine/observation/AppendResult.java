package org.madang.engine.observation;

import java.util.List;

/**
 * What an append stored, once it is durable.
 *
 * @param stored the readings with at least one new measure, in batch order
 * @param duplicates the positions of readings every measure of which was already stored
 */
public record AppendResult(List<StoredReading> stored, List<Integer> duplicates) {

  public AppendResult {
    stored = List.copyOf(stored);
    duplicates = List.copyOf(duplicates);
  }
}
