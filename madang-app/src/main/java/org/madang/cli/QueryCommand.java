package org.madang.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.madang.engine.Column;
import org.madang.engine.DataEngine;
import org.madang.engine.TablePage;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** Runs one read-only SQL statement over the datasets of the local data dir (or a server's, with --server). */
@Command(name = "query", description = "Run read-only SQL over the datasets (admins).", mixinStandardHelpOptions = true)
final class QueryCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SQL", description = "One SELECT statement; datasets are views named like bike_stations.")
  String sql;

  @Option(names = "--format", defaultValue = "csv", description = "csv or json (default csv).")
  String format;

  @Option(names = "--max-rows", defaultValue = "10000", description = "At most this many rows (default 10000).")
  int maxRows;

  @Mixin
  ServeCommand.StoreOptions store = new ServeCommand.StoreOptions();

  @Mixin
  RemoteOptions remote = new RemoteOptions();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("csv") && !format.equals("json")) {
      throw new org.madang.engine.MadangException(org.madang.engine.ErrorCode.INVALID_ARGUMENT, "--format must be csv or json.");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (remote.server != null) {
      out.print(new RemoteClient(remote).query(sql, format, maxRows));
      out.flush();
      return 0;
    }
    try (ConfigurableApplicationContext context = LocalContext.start(store)) {
      TablePage page = context.getBean(DataEngine.class).query(sql, maxRows);
      print(page, format, out);
      return 0;
    }
  }

  static void print(TablePage page, String format, PrintWriter out) {
    if (format.equals("json")) {
      out.println(JsonMapper.shared().writeValueAsString(page.rows()));
    } else {
      List<Column> columns = page.columns();
      out.println(String.join(",", columns.stream().map(c -> csv(c.name())).toList()));
      for (Map<String, Object> row : page.rows()) {
        out.println(String.join(",", columns.stream().map(c -> csv(row.get(c.name()))).toList()));
      }
    }
    out.flush();
  }

  static String csv(Object value) {
    if (value == null) {
      return "";
    }
    String s = String.valueOf(value);
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
