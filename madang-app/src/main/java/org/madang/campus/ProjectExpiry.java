package org.madang.campus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Opens projects whose start date has come and expires those whose end date has passed without an extension. */
@Component
class ProjectExpiry {

  private static final Logger log = LoggerFactory.getLogger(ProjectExpiry.class);

  private final Projects projects;

  ProjectExpiry(Projects projects) {
    this.projects = projects;
  }

  @Scheduled(initialDelayString = "${madang.campus.expiry-check}", fixedDelayString = "${madang.campus.expiry-check}")
  void run() {
    int changed = projects.openAndExpireDue(projects.today());
    if (changed > 0) {
      log.info("Campus: {} projects opened or expired", changed);
    }
  }
}
