package org.madang.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.madang.MadangApplication;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the web platform until stopped. */
@Command(name = "serve", description = "Run the platform (web pages, REST, CKAN and OGC APIs).", mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  @Option(names = "--port", description = "HTTP port (default 8080).")
  Integer port;

  @Mixin
  StoreOptions store = new StoreOptions();

  @Option(names = "--no-demo", description = "Do not load the Seoul demo city into an empty data dir, nor replay its air quality as a live feed.")
  boolean noDemo;

  @Option(names = "--mqtt", paramLabel = "URL", description = "Take observations from this MQTT broker, e.g. tcp://127.0.0.1:1883 (topics madang/obs/{feed}).")
  String mqtt;

  static boolean started() {
    return STARTED.get();
  }

  @Override
  public Integer call() {
    SpringApplication app = new SpringApplication(MadangApplication.class);
    java.util.Map<String, Object> props = store.properties();
    if (port != null) {
      props.put("server.port", port);
    }
    if (noDemo) {
      props.put("madang.demo", false);
    }
    if (mqtt != null) {
      props.put("madang.feeds.mqtt.url", mqtt);
    }
    app.run(StoreOptions.asArguments(props));
    STARTED.set(true);
    return 0;
  }

  /** Options shared by every command that opens a data dir. */
  static final class StoreOptions {
    @Option(names = "--data-dir", description = "Data directory (default ./madang-data).")
    Path dataDir;

    @Option(names = "--metadata-url", description = "JDBC URL of the metadata database, e.g. jdbc:postgresql://127.0.0.1:5432/madang (default: embedded H2 in the data dir).")
    String metadataUrl;

    @Option(names = "--metadata-user", description = "Metadata database user.")
    String metadataUser;

    @Option(names = "--metadata-password", description = "Metadata database password.")
    String metadataPassword;

    /** Settings as {@code --key=value} arguments: command-line arguments outrank application.yml, default properties would not. */
    static String[] asArguments(java.util.Map<String, Object> properties) {
      return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    java.util.Map<String, Object> properties() {
      java.util.Map<String, Object> props = new java.util.HashMap<>();
      if (dataDir != null) {
        props.put("madang.data-dir", dataDir.toAbsolutePath().toString());
      }
      if (metadataUrl != null) {
        props.put("spring.datasource.url", metadataUrl);
        props.put("spring.datasource.username", metadataUser == null ? "" : metadataUser);
        props.put("spring.datasource.password", metadataPassword == null ? "" : metadataPassword);
      }
      return props;
    }
  }
}
