package org.madang.directives;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Marks directives past their due time and not done as overdue, every {@code madang.directives.overdue-check}. */
@Component
class DirectiveDeadlines {

  private static final Logger log = LoggerFactory.getLogger(DirectiveDeadlines.class);

  private final Directives directives;

  DirectiveDeadlines(Directives directives) {
    this.directives = directives;
  }

  @Scheduled(fixedDelayString = "${madang.directives.overdue-check:1m}", initialDelayString = "${madang.directives.overdue-check:1m}")
  void markOverdue() {
    try {
      int marked = directives.markOverdue(OffsetDateTime.now(ZoneOffset.UTC));
      if (marked > 0) {
        log.info("{} directives became overdue", marked);
      }
    } catch (RuntimeException e) {
      log.warn("Could not mark overdue directives; next run as scheduled", e);
    }
  }
}
