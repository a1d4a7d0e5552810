/**
 * The Big Data Campus: analysis projects (the tasks the platform counts), their members, access requests to restricted
 * datasets decided by the data's stewards, expiry, and the secure workspace: sandboxed SQL ({@code POST /api/sql}),
 * working tables in the project's own schema and saved queries. Publishes {@link org.madang.campus.ProjectOpened} and
 * {@link org.madang.campus.ProjectCompleted}.
 */
package org.madang.campus;
