package org.madang.campus;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A project became active: one more analysis task under way (the indicators count these). */
public record ProjectOpened(long projectId, String title, LocalDate startDate, LocalDate endDate, OffsetDateTime at) {}
