package org.madang.campus;

import java.util.Map;
import org.madang.accounts.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Access requests: members ask under their project ({@code POST /api/campus/projects/{id}/access-requests}); stewards
 * list theirs ({@code GET /api/campus/access-requests?status=pending}), decide ({@code POST .../{id}/decision} with
 * {@code approve} and {@code reason}) and revoke ({@code POST .../{id}/revocation}).
 */
@RestController
@RequestMapping({"/api/campus", "/campus/api"})
class AccessRequestController {

  private final AccessRequests requests;

  AccessRequestController(AccessRequests requests) {
    this.requests = requests;
  }

  @PostMapping("/projects/{id}/access-requests")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> request(@PathVariable long id, @RequestBody JsonNode body) {
    return requests.request(Viewer.current(), id, ProjectController.text(body, "dataset"), ProjectController.text(body, "reason")).json();
  }

  @GetMapping("/projects/{id}/access-requests")
  Map<String, Object> listForProject(@PathVariable long id) {
    return Map.of("access_requests", requests.listForProject(Viewer.current(), id).stream().map(AccessRequest::json).toList());
  }

  @GetMapping("/access-requests")
  Map<String, Object> listDecidable(@RequestParam(defaultValue = "pending") String status) {
    AccessRequest.Status s;
    try {
      s = AccessRequest.Status.fromCode(status);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("status is pending, approved, rejected or revoked");
    }
    return Map.of("access_requests", requests.listDecidable(Viewer.current(), s).stream().map(AccessRequest::json).toList());
  }

  @PostMapping("/access-requests/{id}/decision")
  Map<String, Object> decide(@PathVariable long id, @RequestBody JsonNode body) {
    return requests.decide(Viewer.current(), id, ProjectController.bool(body, "approve"), ProjectController.text(body, "reason")).json();
  }

  @PostMapping("/access-requests/{id}/revocation")
  Map<String, Object> revoke(@PathVariable long id, @RequestBody JsonNode body) {
    return requests.revoke(Viewer.current(), id, ProjectController.text(body, "reason")).json();
  }
}
