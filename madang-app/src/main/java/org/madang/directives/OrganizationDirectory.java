package org.madang.directives;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.madang.accounts.UserDirectory;
import org.madang.accounts.Viewer;
import org.madang.audit.AuditTrail;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organization directory: the catalog's departments with their contact (desk, person, phone, e-mail, video-meeting
 * link) and the users who act for each ({@code department_contacts}, {@code department_members}). Admins edit it;
 * every change is audited.
 */
@Component
public class OrganizationDirectory {

  private static final Pattern PHONE = Pattern.compile("^[0-9+()\\- ]{2,30}$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final JdbcClient jdbc;
  private final UserDirectory users;
  private final AuditTrail audit;

  OrganizationDirectory(JdbcClient jdbc, UserDirectory users, AuditTrail audit) {
    this.jdbc = jdbc;
    this.users = users;
    this.audit = audit;
  }

  /** Every organization of the catalog, with its contact where it has one. */
  public List<Department> listDepartments() {
    Map<Long, List<String>> members = new HashMap<>();
    jdbc.sql("SELECT organization_id, username FROM department_members ORDER BY username")
        .query(rs -> {
          members.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
    return jdbc.sql(SELECT + " ORDER BY o.id").query((rs, n) -> department(rs, members)).list();
  }

  public Optional<Department> findDepartment(String code) {
    if (code == null) {
      return Optional.empty();
    }
    return jdbc.sql(SELECT + " WHERE o.name = ?").param(code).query((rs, n) -> department(rs, null)).optional().map(this::withMembers);
  }

  public Optional<Department> findDepartment(long id) {
    return jdbc.sql(SELECT + " WHERE o.id = ?").param(id).query((rs, n) -> department(rs, null)).optional().map(this::withMembers);
  }

  /** The department by its code; a missing one is the caller's mistake in {@code field} (400). */
  public Department getDepartment(String code, String field) {
    return findDepartment(code).orElseThrow(() -> new MadangException(ErrorCode.INVALID_ARGUMENT,
        "There is no department '" + code + "' in the organization directory.", Map.of("field", field)));
  }

  /** The department of a path's {@code code}: 404 when there is none (a form's unknown department is 400: {@link #getDepartment}). */
  Department requireDepartment(String code) {
    return findDepartment(code).orElseThrow(() -> new MadangException(ErrorCode.NOT_FOUND, "There is no department '" + code + "'.", Map.of("field", "code")));
  }

  /** Ids of the departments the user acts for. */
  public List<Long> listDepartmentsOf(String username) {
    return jdbc.sql("SELECT organization_id FROM department_members WHERE username = ?").param(username).query(Long.class).list();
  }

  /** E-mail addresses of the department's members who gave one. */
  List<String> listMemberEmails(Department department) {
    List<String> out = new ArrayList<>();
    for (String member : department.members()) {
      users.findByUsername(member).map(u -> u.email()).filter(e -> e != null && !e.isBlank()).ifPresent(out::add);
    }
    return out;
  }

  /** Sets a department's contact (admins); blank values clear a field. */
  @Transactional
  public Department saveContact(Viewer viewer, String code, Contact contact, boolean demo) {
    requireAdmin(viewer);
    Department department = requireDepartment(code);
    contact.check();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    int updated = jdbc.sql("UPDATE department_contacts SET desk_ko = ?, desk_en = ?, person = ?, phone = ?, email = ?, video_url = ?, demo = ?, "
            + "updated_by = ?, updated_at = ? WHERE organization_id = ?")
        .params(contact.desk(), contact.deskEn(), contact.person(), contact.phone(), contact.email(), contact.videoUrl(), demo, viewer.username(), now,
            department.id())
        .update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO department_contacts (organization_id, desk_ko, desk_en, person, phone, email, video_url, demo, updated_by, updated_at) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(department.id(), contact.desk(), contact.deskEn(), contact.person(), contact.phone(), contact.email(), contact.videoUrl(), demo,
              viewer.username(), now)
          .update();
    }
    audit.record(viewer.username(), "directory.contact.update", "organization", code, null);
    return getDepartment(code, "code");
  }

  /** Adds a user who acts for the department (admins); the user must exist. */
  @Transactional
  public Department addMember(Viewer viewer, String code, String username) {
    requireAdmin(viewer);
    Department department = requireDepartment(code);
    if (username == null || users.findByUsername(username).isEmpty()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "There is no user '" + username + "'.", Map.of("field", "username"));
    }
    if (!department.hasMember(username)) {
      jdbc.sql("INSERT INTO department_members (organization_id, username, added_at) VALUES (?, ?, ?)")
          .params(department.id(), username, OffsetDateTime.now(ZoneOffset.UTC)).update();
      audit.record(viewer.username(), "directory.member.add", "organization", code, username);
    }
    return getDepartment(code, "code");
  }

  @Transactional
  public Department removeMember(Viewer viewer, String code, String username) {
    requireAdmin(viewer);
    Department department = requireDepartment(code);
    if (jdbc.sql("DELETE FROM department_members WHERE organization_id = ? AND username = ?").params(department.id(), username).update() > 0) {
      audit.record(viewer.username(), "directory.member.remove", "organization", code, username);
    }
    return getDepartment(code, "code");
  }

  boolean hasContact(long organizationId) {
    return jdbc.sql("SELECT COUNT(*) FROM department_contacts WHERE organization_id = ?").param(organizationId).query(Long.class).single() > 0;
  }

  private static void requireAdmin(Viewer viewer) {
    if (!viewer.isAdmin()) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Only admins edit the organization directory.");
    }
  }

  private Department withMembers(Department d) {
    List<String> members = jdbc.sql("SELECT username FROM department_members WHERE organization_id = ? ORDER BY username").param(d.id()).query(String.class).list();
    return new Department(d.id(), d.code(), d.titleKo(), d.titleEn(), d.desk(), d.deskEn(), d.person(), d.phone(), d.email(), d.videoUrl(), d.demo(),
        List.copyOf(members));
  }

  private static final String SELECT = "SELECT o.id, o.name, o.title_ko, o.title_en, c.desk_ko, c.desk_en, c.person, c.phone, c.email, c.video_url, "
      + "COALESCE(c.demo, FALSE) FROM organizations o LEFT JOIN department_contacts c ON c.organization_id = o.id";

  private static Department department(java.sql.ResultSet rs, Map<Long, List<String>> members) throws java.sql.SQLException {
    long id = rs.getLong(1);
    return new Department(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
        rs.getString(9), rs.getString(10), rs.getBoolean(11), members == null ? List.of() : List.copyOf(members.getOrDefault(id, List.of())));
  }

  /** A department's contact as an admin gives it; each field may be null. */
  public record Contact(String desk, String deskEn, String person, String phone, String email, String videoUrl) {

    void check() {
      if (phone != null && !PHONE.matcher(phone).matches()) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The phone number may hold digits, spaces, +, - and brackets only.", Map.of("field", "phone"));
      }
      if (email != null && !EMAIL.matcher(email).matches()) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The e-mail address is not valid.", Map.of("field", "email"));
      }
      if (videoUrl != null) {
        URI uri;
        try {
          uri = URI.create(videoUrl);
        } catch (IllegalArgumentException e) {
          throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The video-meeting link is not a valid address.", Map.of("field", "video_url"));
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
          throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The video-meeting link must be an http or https address.", Map.of("field", "video_url"));
        }
      }
    }
  }
}
