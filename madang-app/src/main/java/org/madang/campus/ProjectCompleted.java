package org.madang.campus;

import java.time.OffsetDateTime;

/**
 * A project ended: its lead completed it ({@link ProjectStatus#COMPLETED}) or its end date passed ({@link
 * ProjectStatus#EXPIRED}). Its working tables are gone; approved outputs stay.
 */
public record ProjectCompleted(long projectId, String title, ProjectStatus outcome, OffsetDateTime at) {}
