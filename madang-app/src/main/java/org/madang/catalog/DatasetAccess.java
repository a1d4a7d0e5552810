package org.madang.catalog;

import org.madang.accounts.Viewer;

/**
 * Who may do what with a dataset. One place, so pages, REST, CKAN, DCAT and OGC API agree.
 *
 * <ul>
 *   <li>public: anyone sees and reads it;
 *   <li>registered: anyone sees its metadata, signed-in users read its rows;
 *   <li>restricted: only admins and its organization's stewards know it exists.
 * </ul>
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
}
