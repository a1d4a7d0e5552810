package org.madang.directives;

import java.util.Map;
import org.madang.accounts.Role;
import org.madang.accounts.Viewer;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The organization directory over REST ({@code /api/directory}, session twin {@code /directives/api/directory}):
 * officials, admins and the departments' members read it; admins set a department's contact ({@code PUT /{code}}) and
 * who acts for it ({@code PUT} / {@code DELETE /{code}/members/{username}}).
 */
@RestController
@RequestMapping({"/api/directory", "/directives/api/directory"})
class DirectoryController {

  private final OrganizationDirectory directory;

  DirectoryController(OrganizationDirectory directory) {
    this.directory = directory;
  }

  @GetMapping
  Map<String, Object> list() {
    Viewer viewer = requireReader();
    return Map.of("departments", directory.listDepartments().stream().map(d -> d.json(viewer.isAdmin() || d.hasMember(viewer.username()))).toList());
  }

  @GetMapping("/{code}")
  Map<String, Object> show(@PathVariable String code) {
    Viewer viewer = requireReader();
    Department d = directory.requireDepartment(code);
    return d.json(viewer.isAdmin() || d.hasMember(viewer.username()));
  }

  @PutMapping("/{code}")
  Map<String, Object> saveContact(@PathVariable String code, @RequestBody JsonNode body) {
    OrganizationDirectory.Contact contact = new OrganizationDirectory.Contact(text(body, "desk"), text(body, "desk_en"), text(body, "person"),
        text(body, "phone"), text(body, "email"), text(body, "video_url"));
    return directory.saveContact(Viewer.current(), code, contact, false).json(true);
  }

  @PutMapping("/{code}/members/{username}")
  Map<String, Object> addMember(@PathVariable String code, @PathVariable String username) {
    return directory.addMember(Viewer.current(), code, username).json(true);
  }

  @DeleteMapping("/{code}/members/{username}")
  Map<String, Object> removeMember(@PathVariable String code, @PathVariable String username) {
    return directory.removeMember(Viewer.current(), code, username).json(true);
  }

  private Viewer requireReader() {
    Viewer viewer = Viewer.current();
    if (!viewer.isSignedIn()) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Sign in to read the organization directory.");
    }
    if (!Directives.seesAll(viewer) && !viewer.has(Role.STEWARD) && directory.listDepartmentsOf(viewer.username()).isEmpty()) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "The organization directory is for officials, stewards, admins and the departments' members.");
    }
    return viewer;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.asString().isBlank() ? null : v.asString().strip();
  }
}
