package org.madang.campus;

import java.time.OffsetDateTime;

record ProjectMember(String username, MemberRole role, OffsetDateTime addedAt) {}
