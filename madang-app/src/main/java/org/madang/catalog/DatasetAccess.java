package org.madang.catalog;

import org.madang.accounts.Role;
import org.madang.accounts.Viewer;

/**
 * Who may do what with a dataset. One place, so pages, REST, CKAN, DCAT and OGC API agree.
 *
 * <ul>
 *   <li>public: anyone sees and reads it;
 *   <li>registered: anyone sees its metadata, signed-in users read its rows;
 *   <li>restricted: only admins and its organization's stewards know it exists.
 * </ul>
 *
 * <p>Adding datasets: an organization's stewards and admins add its datasets. The shared organization {@value
 * Organization#ANALYSES} also takes analysis results from analysts and officials (and stewards of any organization),
 * so that people who may run analyses but publish for no department have a place for what they derive; a result there
 * gets new versions only from whoever created it, its stewards and admins.
 */
public final class DatasetAccess {

  private DatasetAccess() {}

  public static boolean canSee(Viewer viewer, Dataset d) {
    return d.access() != AccessLevel.RESTRICTED || viewer.stewards(d.organization().id());
  }

  public static boolean canReadRows(Viewer viewer, Dataset d) {
    return switch (d.access()) {
      case PUBLIC -> true;
      case REGISTERED -> viewer.isSignedIn();
      case RESTRICTED -> viewer.stewards(d.organization().id());
    };
  }

  /** Upload versions, edit metadata, remove versions. */
  public static boolean canManage(Viewer viewer, Dataset d) {
    return viewer.stewards(d.organization().id());
  }

  /** Whether the viewer may run analyses at all: analysts, officials, stewards and admins. */
  public static boolean canAnalyse(Viewer viewer) {
    return viewer.isSignedIn() && (viewer.has(Role.ANALYST) || viewer.has(Role.OFFICIAL) || viewer.has(Role.STEWARD) || viewer.isAdmin());
  }

  /** Add an analysis result as a new dataset of the organization. */
  public static boolean canAddAnalysisResult(Viewer viewer, Organization organization) {
    return viewer.stewards(organization.id()) || (Organization.ANALYSES.equals(organization.name()) && canAnalyse(viewer));
  }

  /** Add an analysis result as a new version of an existing dataset created by {@code createdBy}. */
  static boolean canAddAnalysisVersion(Viewer viewer, Dataset d, String createdBy) {
    return canManage(viewer, d)
        || (Organization.ANALYSES.equals(d.organization().name()) && canAnalyse(viewer) && viewer.username().equals(createdBy));
  }
}
