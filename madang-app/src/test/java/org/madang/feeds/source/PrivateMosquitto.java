package org.madang.feeds.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto of our own on a free port with its own configuration file, so a test may stop and restart it without
 * touching the machine's shared broker on 1883.
 */
final class PrivateMosquitto implements AutoCloseable {

  private final Path config;
  private final int port;
  private Process process;

  PrivateMosquitto(Path dir, String... extraConfig) throws IOException {
    this.port = freePort();
    this.config = dir.resolve("mosquitto.conf");
    StringBuilder conf = new StringBuilder()
        .append("listener ").append(port).append(" 127.0.0.1\n")
        .append("allow_anonymous true\n")
        .append("persistence false\n")
        .append("log_dest stderr\n");
    for (String line : extraConfig) {
      conf.append(line).append('\n');
    }
    Files.writeString(config, conf);
    start();
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  void start() throws IOException {
    process = new ProcessBuilder("/usr/sbin/mosquitto", "-c", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(config.resolveSibling("mosquitto.log").toFile())
        .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IOException("mosquitto exited with " + process.exitValue() + "; see " + config.resolveSibling("mosquitto.log"));
        }
        sleep(50);
      }
    }
    throw new IOException("mosquitto did not listen on " + port + " within 10 s");
  }

  void stop() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
