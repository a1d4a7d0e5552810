package org.madang.engine.sandbox;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One statement to run in the sandbox and what its caller may read.
 *
 * @param sql one SELECT (or {@code CREATE [OR REPLACE] TABLE name AS SELECT ...} when {@code workspace} is set)
 * @param readable the dataset views (their SQL names in {@code main}) the caller may read; nothing else is readable
 *     except the tables of {@code workspace}
 * @param workspace the project's schema ({@link SqlSandbox#workspaceSchema(long)}), or null outside a project
 */
public record SandboxRequest(String sql, Set<String> readable, String workspace, SandboxLimits limits) {

  public SandboxRequest {
    readable = readable.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    if (workspace != null && !SqlSandbox.isWorkspaceSchema(workspace)) {
      throw new IllegalArgumentException("not a workspace schema: " + workspace);
    }
  }
}
