package org.madang.office;

import java.util.List;

/**
 * One of the city's major projects as the dashboard shows it.
 *
 * @param budgetKrw the total budget in won, or null when not given
 * @param progress share done, 0 to 1, or null when not given
 * @param districtCode the district holding {@code lat}/{@code lon}, found from the city's boundaries
 * @param demo true when department, budget, progress and milestones are illustrative values, not official figures
 * @param source where the figures come from when they are not demo values; the project's public page otherwise
 */
record MajorProject(
    String id,
    String nameKo,
    String nameEn,
    String departmentKo,
    String departmentEn,
    Long budgetKrw,
    Double progress,
    List<Milestone> milestones,
    double lat,
    double lon,
    String districtCode,
    boolean demo,
    String source) {

  /** A step of a project: what, when (a year or a year-month), and whether it is done. */
  record Milestone(String titleKo, String titleEn, String due, boolean done) {}
}
