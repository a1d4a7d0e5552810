package org.madang.campus;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Campus projects as the platform counts them: analysis tasks opened (became active) and completed. */
@Component
public class AnalysisTasks {

  private final JdbcClient jdbc;

  AnalysisTasks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** When each project that ever became active opened. */
  public List<OffsetDateTime> openedAt() {
    return jdbc.sql("SELECT opened_at FROM campus_projects WHERE opened_at IS NOT NULL").query(OffsetDateTime.class).list();
  }

  /** When each project completed (not expired: a task that ran out is not a task done). */
  public List<OffsetDateTime> completedAt() {
    return jdbc.sql("SELECT closed_at FROM campus_projects WHERE status = 'completed' AND closed_at IS NOT NULL").query(OffsetDateTime.class).list();
  }
}
