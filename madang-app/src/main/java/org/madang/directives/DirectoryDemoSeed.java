package org.madang.directives;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import org.madang.MadangProperties;
import org.madang.accounts.Role;
import org.madang.accounts.Viewer;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives the demo city's departments their contacts ({@code demo/seoul/department-contacts.json}), after the demo's
 * organizations exist, to departments that have none yet. The data is marked as demo: Seoul's public 120 call centre
 * and {@code .example} addresses, no real people.
 */
@Component
@Order(2)
class DirectoryDemoSeed implements ApplicationRunner {

  static final String CONTACTS = "demo/seoul/department-contacts.json";
  private static final Viewer DEMO = new Viewer("madang-demo", EnumSet.of(Role.ADMIN), null);

  private final MadangProperties properties;
  private final OrganizationDirectory directory;

  DirectoryDemoSeed(MadangProperties properties, OrganizationDirectory directory) {
    this.properties = properties;
    this.directory = directory;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    if (!properties.demo() || !properties.directives().demoContacts()) {
      return;
    }
    JsonNode doc;
    try (InputStream in = new ClassPathResource(CONTACTS).getInputStream()) {
      doc = JsonMapper.shared().readTree(in);
    }
    for (JsonNode c : doc.path("contacts")) {
      directory.findDepartment(c.path("department").asString()).filter(d -> !directory.hasContact(d.id())).ifPresent(d ->
          directory.saveContact(DEMO, d.code(), new OrganizationDirectory.Contact(c.path("desk").asString(), c.path("desk_en").asString(),
              c.path("person").asString(), c.path("phone").asString(), c.path("email").asString(), c.path("video_url").asString()), true));
    }
  }
}
