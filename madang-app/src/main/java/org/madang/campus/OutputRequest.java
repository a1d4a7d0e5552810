package org.madang.campus;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An aggregate table an analyst asked to take out of a project, with the automatic disclosure check's report.
 *
 * @param spec the dimensions and measures as JSON ({@code {"dimensions": [...], "measures": [...]}})
 * @param datasets the restricted datasets (catalog names) in the project's scope when it was asked for
 * @param report the check's report as JSON: {@code summary}, {@code columns}, {@code publishable} rows (suppressed
 *     values null) and {@code steward} rows (every value, records and the reason of each suppression)
 * @param reviews one per organization whose data is involved; approved when every one of them approved
 */
record OutputRequest(
    long id,
    long projectId,
    String title,
    String sql,
    String spec,
    Status status,
    String requestedBy,
    OffsetDateTime requestedAt,
    List<String> datasets,
    String report,
    OffsetDateTime decidedAt,
    String publishedDataset,
    List<Review> reviews) {

  enum Status {
    /** Checked and waiting for the stewards. */
    PENDING,
    /** The check found something no suppression fixes (identifiers, single records): it cannot be reviewed. */
    BLOCKED,
    APPROVED,
    REJECTED,
    /** Approved and published to the catalog as a derived dataset. */
    PUBLISHED;

    String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Status of(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT));
    }

    boolean isReleased() {
      return this == APPROVED || this == PUBLISHED;
    }
  }

  record Review(String organization, String decidedBy, boolean approve, String reason, OffsetDateTime decidedAt) {

    Map<String, Object> json() {
      return Map.of("organization", organization, "decided_by", decidedBy, "approve", approve, "reason", reason, "decided_at", decidedAt.toString());
    }
  }
}
