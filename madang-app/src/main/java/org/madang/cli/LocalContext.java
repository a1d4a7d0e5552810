package org.madang.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.madang.MadangApplication;
import org.madang.RunningServer;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the application without its web server, for commands that work on the local data dir. */
final class LocalContext {

  private LocalContext() {}

  static ConfigurableApplicationContext start(ServeCommand.StoreOptions store) {
    Map<String, Object> props = store.properties();
    Path dataDir = store.dataDir != null ? store.dataDir.toAbsolutePath() : Path.of("madang-data").toAbsolutePath();
    Optional<String> running = RunningServer.find(dataDir);
    if (running.isPresent()) {
      throw lockedBy(dataDir, running.get());
    }
    props.put("madang.demo", false);
    props.put("spring.main.banner-mode", "off");
    props.put("logging.level.root", "WARN");
    props.put("logging.level.org.madang", "WARN");
    SpringApplication app = new SpringApplication(MadangApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setLogStartupInfo(false);
    try {
      return app.run(ServeCommand.StoreOptions.asArguments(props));
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof MadangException m && m.code() == ErrorCode.DATA_DIR_LOCKED) {
          throw lockedBy(dataDir, "http://127.0.0.1:8080");
        }
      }
      throw e;
    }
  }

  private static MadangException lockedBy(Path dataDir, String url) {
    return new MadangException(ErrorCode.DATA_DIR_LOCKED,
        "A Madang server is already running on " + dataDir + "; add --server " + url + " to go through its API instead.");
  }
}
