package org.madang.analytics.disclosure;

import java.util.Objects;

/**
 * One statistic an output table publishes per cell.
 *
 * @param column the numeric column summed or averaged; null for {@link Statistic#COUNT}
 */
public record Measure(Statistic statistic, String column) {

  public enum Statistic {
    /** The number of records in the cell. */
    COUNT,
    /** The sum of the column over the cell's records that have a value. */
    SUM,
    /** The mean of the column over the cell's records that have a value (SQL's {@code avg}: nulls left out). */
    MEAN
  }

  public Measure {
    Objects.requireNonNull(statistic, "statistic");
    if (statistic == Statistic.COUNT && column != null) {
      throw new IllegalArgumentException("COUNT counts records and takes no column");
    }
    if (statistic != Statistic.COUNT && (column == null || column.isBlank())) {
      throw new IllegalArgumentException(statistic + " needs a column");
    }
  }

  public static Measure count() {
    return new Measure(Statistic.COUNT, null);
  }

  public static Measure sum(String column) {
    return new Measure(Statistic.SUM, column);
  }

  public static Measure mean(String column) {
    return new Measure(Statistic.MEAN, column);
  }

  /** Whether the statistic is a magnitude (SUM, MEAN), to which the dominance rule applies. */
  public boolean isMagnitude() {
    return statistic != Statistic.COUNT;
  }

  /** {@code count}, {@code sum(income)}, {@code mean(income)}: the measure's name in reports. */
  public String label() {
    return statistic == Statistic.COUNT ? "count" : statistic.name().toLowerCase(java.util.Locale.ROOT) + "(" + column + ")";
  }
}
