package org.madang.analytics.disclosure;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link DisclosureControl#check}: whether the table may go to a data steward, why not, and every cell
 * with its decision. Two views: {@link #publishableCells()} (suppressed cells without values or reasons, since telling
 * primary from secondary suppressions would point at the small cells) and {@link #stewardCells()} (everything).
 */
public final class DisclosureReport {

  private final List<String> dimensions;
  private final List<Measure> measures;
  private final DisclosureRules rules;
  private final List<Finding> findings;
  private final List<CheckedCell> cells;
  private final boolean audited;

  DisclosureReport(List<String> dimensions, List<Measure> measures, DisclosureRules rules, List<Finding> findings, List<CheckedCell> cells,
      boolean audited) {
    this.dimensions = dimensions;
    this.measures = measures;
    this.rules = rules;
    this.findings = List.copyOf(findings);
    this.cells = List.copyOf(cells);
    this.audited = audited;
  }

  /** No blocking finding: the table, with its suppressions, may go to the steward's review. */
  public boolean passed() {
    return findings.stream().noneMatch(Finding::blocking);
  }

  public DisclosureRules rules() {
    return rules;
  }

  public List<String> dimensions() {
    return dimensions;
  }

  public List<Measure> measures() {
    return measures;
  }

  /** Blocking findings first, then the suppressions by rule. */
  public List<Finding> findings() {
    return findings;
  }

  /** Interior cells first, then margins, the grand total last (see {@link AggregateTable}). */
  public List<CheckedCell> cells() {
    return cells;
  }

  /** Whether the exact check that no suppressed cell follows from the equations ran (it is skipped on huge tables). */
  public boolean derivationAudited() {
    return audited;
  }

  /** How many cells each reason suppressed (THRESHOLD, DOMINANCE, SECONDARY; zeros included). */
  public Map<CellStatus, Integer> suppressedCells() {
    Map<CellStatus, Integer> out = new EnumMap<>(CellStatus.class);
    for (CellStatus s : CellStatus.values()) {
      if (s.isSuppressed()) {
        out.put(s, 0);
      }
    }
    for (CheckedCell c : cells) {
      if (c.isSuppressed()) {
        out.merge(c.status(), 1, Integer::sum);
      }
    }
    return out;
  }

  /**
   * The report without its cells, as JSON-ready maps: {@code passed}, {@code rules}, {@code dimensions}, {@code
   * measures} (labels), {@code findings} ({@code rule}, {@code blocking}, {@code message}), {@code suppressed} (per
   * reason), {@code derivation_audited}, {@code cells}, {@code records}.
   */
  public Map<String, Object> summary() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("passed", passed());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("threshold", rules.threshold());
    r.put("dominance_largest_share", rules.dominanceLargestShare());
    r.put("dominance_two_largest_share", rules.dominanceTwoLargestShare());
    r.put("identifier_share", rules.identifierShare());
    out.put("rules", r);
    out.put("dimensions", dimensions);
    out.put("measures", measures.stream().map(Measure::label).toList());
    List<Map<String, Object>> f = new ArrayList<>();
    for (Finding finding : findings) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rule", finding.rule().code());
      m.put("blocking", finding.blocking());
      m.put("message", finding.message());
      f.add(m);
    }
    out.put("findings", f);
    Map<String, Object> suppressed = new LinkedHashMap<>();
    suppressedCells().forEach((s, n) -> suppressed.put(s.code(), n));
    out.put("suppressed", suppressed);
    out.put("derivation_audited", audited);
    out.put("cells", cells.size());
    out.put("records", cells.isEmpty() ? 0L : cells.get(cells.size() - 1).records());
    return out;
  }

  /**
   * The cells as they may leave, JSON-ready: {@code key} (dimension → value, null for totals and NULLs), {@code
   * total_over} (the dimensions the cell totals), {@code values} (measure label → value, null when suppressed) and
   * {@code suppressed}.
   */
  public List<Map<String, Object>> publishableCells() {
    return render(false);
  }

  /**
   * The cells for the data steward: as {@link #publishableCells()} with the real values, plus {@code records}, {@code
   * status} and, per SUM or MEAN, {@code contributions} ({@code contributors}, {@code largest}, {@code second_largest},
   * {@code absolute_sum}).
   */
  public List<Map<String, Object>> stewardCells() {
    return render(true);
  }

  private List<Map<String, Object>> render(boolean steward) {
    List<Map<String, Object>> out = new ArrayList<>(cells.size());
    for (CheckedCell c : cells) {
      Map<String, Object> row = new LinkedHashMap<>();
      Map<String, Object> key = new LinkedHashMap<>();
      List<String> totals = new ArrayList<>();
      for (int d = 0; d < dimensions.size(); d++) {
        key.put(dimensions.get(d), c.key().get(d));
        if (c.isTotal(d)) {
          totals.add(dimensions.get(d));
        }
      }
      row.put("key", key);
      row.put("total_over", totals);
      Map<String, Object> values = new LinkedHashMap<>();
      List<Number> shown = steward ? c.values() : c.publishedValues();
      for (int m = 0; m < measures.size(); m++) {
        values.put(measures.get(m).label(), shown.get(m));
      }
      row.put("values", values);
      row.put("suppressed", c.isSuppressed());
      if (steward) {
        row.put("records", c.records());
        row.put("status", c.status().code());
        Map<String, Object> contributions = new LinkedHashMap<>();
        for (int m = 0; m < measures.size(); m++) {
          if (measures.get(m).isMagnitude()) {
            Magnitude g = c.cell().magnitudes().get(m);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("contributors", g.contributors());
            one.put("largest", g.largest());
            one.put("second_largest", g.secondLargest());
            one.put("absolute_sum", g.absoluteSum());
            contributions.put(measures.get(m).label(), one);
          }
        }
        if (!contributions.isEmpty()) {
          row.put("contributions", contributions);
        }
      }
      out.add(row);
    }
    return out;
  }
}
