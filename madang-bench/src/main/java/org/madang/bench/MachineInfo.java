package org.madang.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The facts a benchmark figure needs beside it: cores, memory, CPU model, kernel, Java, load, and PostGIS. */
final class MachineInfo {

  private MachineInfo() {}

  /** Markdown bullet lines describing this machine; the PostGIS line only with a connection. */
  static List<String> describe(Connection postgres) {
    List<String> lines = new ArrayList<>();
    lines.add("- cores (nproc): " + Runtime.getRuntime().availableProcessors());
    lines.add("- memory: " + firstMatching(Path.of("/proc/meminfo"), "MemTotal:").replaceAll("\\s+", " "));
    lines.add("- CPU: " + firstMatching(Path.of("/proc/cpuinfo"), "model name").replaceFirst("model name\\s*:\\s*", ""));
    lines.add("- kernel: " + read(Path.of("/proc/sys/kernel/osrelease")).strip());
    lines.add("- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, JVM args "
        + ManagementFactory.getRuntimeMXBean().getInputArguments());
    lines.add("- load average at start (1, 5, 15 min): " + read(Path.of("/proc/loadavg")).strip());
    if (postgres != null) {
      try (Statement s = postgres.createStatement();
           ResultSet r = s.executeQuery("SELECT version(), postgis_full_version()")) {
        r.next();
        lines.add("- PostgreSQL: " + r.getString(1));
        lines.add("- PostGIS: " + r.getString(2));
      } catch (SQLException e) {
        lines.add("- PostGIS: unknown (" + e.getMessage() + ")");
      }
    }
    return lines;
  }

  /** The 1-minute load average now, to note how busy the shared machine was. */
  static String loadNow() {
    String[] parts = read(Path.of("/proc/loadavg")).split("\\s+");
    return parts.length > 0 ? parts[0] : "?";
  }

  private static String firstMatching(Path file, String prefix) {
    for (String line : read(file).split("\n")) {
      if (line.startsWith(prefix)) {
        return line.strip();
      }
    }
    return "unknown";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return String.format(Locale.ROOT, "unknown (%s)", e.getMessage());
    }
  }
}
