package org.madang.analytics.disclosure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a table of aggregates before it may leave the Big Data Campus, and suppresses the cells that would disclose.
 *
 * <ol>
 *   <li><b>No row-level identifiers</b> (blocking): a dimension declared an identifier, a dimension with more distinct
 *       values than {@link DisclosureRules#identifierShare()} of the records, or dimensions whose combinations are that
 *       many (nearly one record per cell) refuse the whole table.
 *   <li><b>Threshold</b>: a cell with 1 to N - 1 records, or a SUM or MEAN cell with 1 to N - 1 records that have a
 *       value, is suppressed. A cell with 0 records is published: it tells that nobody is there, which threshold rules
 *       do not protect; CUBE never lists such combinations anyway, and absent ones read as zeros.
 *   <li><b>Dominance</b> for SUM and MEAN: a cell whose largest contribution is more than 50% of the sum of absolute
 *       contributions, or two largest more than 85%, is suppressed (the (1, 50) and (2, 85) rules).
 *   <li><b>Secondary suppression</b> ({@link SecondarySuppression}): every relation {@code total = sum of the cells
 *       below it along one dimension} ends with no suppressed member or at least two, to a fixpoint, with singleton
 *       protection for magnitude tables: the standard "no single relation reveals a cell" protection of tau-ARGUS's
 *       hypercube and singleton heuristics. Then an exact check ({@link DerivationAudit}, any number of dimensions, up
 *       to {@value SecondarySuppression#AUDIT_LIMIT} suppressed cells) makes sure no suppressed cell follows from any
 *       combination of the equations. This is not a full linear-programming audit: intervals an attacker can narrow a
 *       cell to, using that counts are non-negative, are not measured, and MEAN cells are protected as if additive.
 * </ol>
 *
 * Suppression is per cell: every measure of a suppressed cell is hidden. Pure and thread-safe.
 */
public final class DisclosureControl {

  private static final int NAMED_CELLS = 5;

  private DisclosureControl() {}

  /**
   * Checks {@code table} against {@code rules}.
   *
   * @param identifierColumns columns the data's owner declares identifiers (names, phone numbers, addresses), compared
   *     case-insensitively with the table's dimensions; empty or null when none are declared
   */
  public static DisclosureReport check(AggregateTable table, DisclosureRules rules, Set<String> identifierColumns) {
    List<Finding> findings = new ArrayList<>();
    findIdentifiers(table, rules, identifierColumns == null ? Set.of() : identifierColumns, findings);
    List<TableCell> cells = table.cells();
    CellStatus[] status = new CellStatus[cells.size()];
    for (int i = 0; i < status.length; i++) {
      status[i] = primary(cells.get(i), table.measures(), rules);
    }
    SecondarySuppression.Outcome outcome = SecondarySuppression.apply(table, status);
    List<CheckedCell> checked = new ArrayList<>(cells.size());
    for (int i = 0; i < status.length; i++) {
      checked.add(new CheckedCell(cells.get(i), table.measures(), status[i]));
    }
    describeSuppressions(table, rules, status, findings);
    if (!outcome.audited()) {
      findings.add(new Finding(Finding.Rule.DERIVATION_NOT_AUDITED, false,
          "More than " + SecondarySuppression.AUDIT_LIMIT + " cells are suppressed, too many for the exact check that none of them can be worked "
              + "out from combinations of totals; each total still hides none or at least two cells, but the steward should look closely."));
    }
    if (!outcome.derivable().isEmpty()) {
      findings.add(new Finding(Finding.Rule.DERIVABLE, true,
          "These suppressed cells can still be worked out from the totals and nothing is left to hide beside them: "
              + name(table, outcome.derivable()) + "."));
    }
    findings.sort((a, b) -> Boolean.compare(b.blocking(), a.blocking()));
    return new DisclosureReport(table.dimensions(), table.measures(), rules, findings, checked, outcome.audited());
  }

  private static void findIdentifiers(AggregateTable table, DisclosureRules rules, Set<String> identifierColumns, List<Finding> findings) {
    Set<String> declared = identifierColumns.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    long records = table.records();
    double limit = rules.identifierShare() * records;
    for (int d = 0; d < table.dimensions().size(); d++) {
      String name = table.dimensions().get(d);
      int distinct = table.distinctValues(d);
      if (declared.contains(name.toLowerCase(Locale.ROOT))) {
        findings.add(new Finding(Finding.Rule.IDENTIFIER, true,
            "The column '" + name + "' is declared an identifier of records and may not be a dimension of an output; leave it out or group "
                + "the records by something coarser."));
      } else if (distinct > 1 && distinct > limit) {
        findings.add(new Finding(Finding.Rule.IDENTIFIER, true,
            "The column '" + name + "' has " + distinct + " distinct values in " + records + " records, more than " + percent(rules.identifierShare())
                + " of them: it identifies records rather than grouping them. Group it into coarser categories or leave it out."));
      }
    }
    int interior = table.interiorCells();
    if (table.dimensions().size() > 1 && interior > 1 && interior > limit) {
      findings.add(new Finding(Finding.Rule.IDENTIFYING_CELLS, true,
          "The " + interior + " combinations of " + String.join(", ", table.dimensions()) + " hold only " + records
              + " records, so most cells hold a single record or two; use fewer or coarser dimensions."));
    }
  }

  private static CellStatus primary(TableCell cell, List<Measure> measures, DisclosureRules rules) {
    if (cell.records() > 0 && cell.records() < rules.threshold()) {
      return CellStatus.THRESHOLD;
    }
    for (int m = 0; m < measures.size(); m++) {
      long contributors = cell.magnitudes().get(m).contributors();
      if (measures.get(m).isMagnitude() && contributors > 0 && contributors < rules.threshold()) {
        return CellStatus.THRESHOLD;
      }
    }
    for (int m = 0; m < measures.size(); m++) {
      if (measures.get(m).isMagnitude() && dominated(cell.magnitudes().get(m), rules)) {
        return CellStatus.DOMINANCE;
      }
    }
    return CellStatus.PUBLISHED;
  }

  static boolean dominated(Magnitude m, DisclosureRules rules) {
    double total = m.absoluteSum();
    return total > 0
        && (m.largest() > rules.dominanceLargestShare() * total || m.largest() + m.secondLargest() > rules.dominanceTwoLargestShare() * total);
  }

  private static void describeSuppressions(AggregateTable table, DisclosureRules rules, CellStatus[] status, List<Finding> findings) {
    for (CellStatus reason : List.of(CellStatus.THRESHOLD, CellStatus.DOMINANCE, CellStatus.SECONDARY)) {
      List<Integer> cells = new ArrayList<>();
      for (int i = 0; i < status.length; i++) {
        if (status[i] == reason) {
          cells.add(i);
        }
      }
      if (cells.isEmpty()) {
        continue;
      }
      String count = cells.size() == 1 ? "One cell" : cells.size() + " cells";
      String message = switch (reason) {
        case THRESHOLD -> count + " with fewer than " + rules.threshold() + " records (or records with a value) "
            + (cells.size() == 1 ? "is" : "are") + " suppressed: " + name(table, cells, true) + ".";
        case DOMINANCE -> count + " where one record makes up more than " + percent(rules.dominanceLargestShare()) + " of a sum, or two records more than "
            + percent(rules.dominanceTwoLargestShare()) + ", " + (cells.size() == 1 ? "is" : "are") + " suppressed: " + name(table, cells) + ".";
        default -> count + " more " + (cells.size() == 1 ? "is" : "are") + " suppressed so that the suppressed cells cannot be worked out from the totals: "
            + name(table, cells) + ".";
      };
      findings.add(new Finding(Finding.Rule.valueOf(reason.name()), false, message));
    }
  }

  private static String name(AggregateTable table, List<Integer> cells) {
    return name(table, cells, false);
  }

  private static String name(AggregateTable table, List<Integer> cells, boolean withRecords) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < Math.min(NAMED_CELLS, cells.size()); i++) {
      TableCell cell = table.cells().get(cells.get(i));
      names.add(describe(table, cell) + (withRecords ? " (" + cell.records() + " records)" : ""));
    }
    String out = String.join("; ", names);
    return cells.size() > NAMED_CELLS ? out + " and " + (cells.size() - NAMED_CELLS) + " more" : out;
  }

  /** {@code district=Jongno-gu, year=(all)}; the grand total is "the grand total". */
  static String describe(AggregateTable table, TableCell cell) {
    if (cell.totalCount() == table.dimensions().size()) {
      return "the grand total";
    }
    List<String> parts = new ArrayList<>();
    for (int d = 0; d < table.dimensions().size(); d++) {
      Object v = cell.key().get(d);
      parts.add(table.dimensions().get(d) + "=" + (cell.isTotal(d) ? "(all)" : v == null ? "(null)" : v));
    }
    return String.join(", ", parts);
  }

  private static String percent(double share) {
    double p = share * 100;
    return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
  }
}
