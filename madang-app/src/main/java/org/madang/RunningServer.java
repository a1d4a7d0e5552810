package org.madang;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Leaves {@code server.url} in the data dir while a server runs on it, so a CLI command started on the same data dir
 * can say which URL to use instead of failing on DuckDB's file lock.
 */
@Component
public class RunningServer {

  private static final String FILE = "server.url";

  private final MadangProperties properties;

  RunningServer(MadangProperties properties) {
    this.properties = properties;
  }

  @EventListener
  void started(WebServerInitializedEvent event) throws IOException {
    Files.createDirectories(properties.dataDir());
    String line = "http://127.0.0.1:" + event.getWebServer().getPort() + " " + ProcessHandle.current().pid();
    Files.writeString(properties.dataDir().resolve(FILE), line, StandardCharsets.UTF_8);
  }

  @EventListener
  void stopped(ContextClosedEvent event) throws IOException {
    Files.deleteIfExists(properties.dataDir().resolve(FILE));
  }

  /** The URL of a live server on this data dir, if one left its mark and its process still runs. */
  public static Optional<String> find(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String[] parts = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ");
      long pid = Long.parseLong(parts[1]);
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.of(parts[0]) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
