package org.madang.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.madang.accounts.Role;
import org.madang.accounts.Viewer;
import org.madang.catalog.AccessLevel;
import org.madang.catalog.DatasetService;
import org.madang.catalog.DatasetSpec;
import org.madang.catalog.IngestOutcome;
import org.madang.catalog.UploadOptions;
import org.madang.engine.ErrorCode;
import org.madang.engine.IngestProgress;
import org.madang.engine.MadangException;
import org.madang.engine.SourceFormat;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Reads a file into a dataset on the local data dir (creating the dataset when it does not exist), or, with {@code
 * --server}, uploads it to a running server.
 */
@Command(name = "ingest", description = "Read a CSV/TSV/XLSX/JSON/GeoJSON/Parquet file into a dataset.", mixinStandardHelpOptions = true)
final class IngestCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The file to read.")
  Path file;

  @Option(names = "--dataset", required = true, description = "Dataset name (lowercase letters, digits, '-', '_').")
  String dataset;

  @Option(names = "--title", description = "Title of a new dataset (default: its name).")
  String title;

  @Option(names = "--title-en", description = "English title of a new dataset.")
  String titleEn;

  @Option(names = "--description", description = "Description of a new dataset.")
  String description;

  @Option(names = "--organization", description = "Organization of a new dataset, created when missing (default: local).")
  String organization;

  @Option(names = "--access", description = "public, registered or restricted (default public).")
  String access;

  @Option(names = "--tags", split = ",", description = "Comma-separated tags.")
  List<String> tags;

  @Option(names = "--format", description = "csv, tsv, xlsx, json, geojson or parquet (default: from the file).")
  String format;

  @Option(names = "--sheet", description = "XLSX sheet name (default: the first).")
  String sheet;

  @Option(names = "--encoding", description = "Text encoding, e.g. CP949 (default: detected).")
  String encoding;

  @Option(names = "--lat", description = "Latitude column (default: detected).")
  String lat;

  @Option(names = "--lon", description = "Longitude column (default: detected).")
  String lon;

  @Option(names = "--allow-outside-area", description = "Keep rows located outside the city instead of refusing the file.")
  boolean allowOutsideArea;

  @Mixin
  ServeCommand.StoreOptions store = new ServeCommand.StoreOptions();

  @Mixin
  RemoteOptions remote = new RemoteOptions();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "There is no file at " + file + ".");
    }
    SourceFormat sourceFormat = parseFormat(format);
    if (remote.server != null) {
      Map<String, String> fields = new java.util.LinkedHashMap<>();
      put(fields, "title", title == null ? dataset : title);
      put(fields, "title_en", titleEn);
      put(fields, "description", description);
      put(fields, "organization", organization);
      put(fields, "access", access);
      put(fields, "tags", tags == null ? null : String.join(",", tags));
      put(fields, "format", format);
      put(fields, "sheet", sheet);
      put(fields, "encoding", encoding);
      put(fields, "lat", lat);
      put(fields, "lon", lon);
      put(fields, "allow_outside_area", allowOutsideArea ? "true" : null);
      String body = new RemoteClient(remote).ingest(dataset, file, fields);
      spec.commandLine().getOut().println(body);
      return 0;
    }
    try (ConfigurableApplicationContext context = LocalContext.start(store)) {
      DatasetService datasets = context.getBean(DatasetService.class);
      Viewer admin = new Viewer("cli", EnumSet.of(Role.ADMIN), null);
      String org = datasets.findOrCreateOrganization(admin, organization == null ? "local" : organization).name();
      DatasetSpec newSpec = new DatasetSpec(dataset, title == null ? dataset : title, titleEn, description, null, org,
          tags == null ? List.of() : tags, null, null, null, null, access == null ? AccessLevel.PUBLIC : AccessLevel.fromCode(access),
          null, null, null, false);
      UploadOptions options = new UploadOptions(sourceFormat, sheet, encoding, lat, lon, allowOutsideArea);
      IngestOutcome outcome;
      if (System.console() != null) {
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("ingest").setStyle(ProgressBarStyle.ASCII).setInitialMax(-1).build()) {
          IngestProgress progress = (phase, done, total) -> {
            bar.setExtraMessage(phase);
            if (total > 0) {
              bar.maxHint(total);
            }
            bar.stepTo(done);
          };
          outcome = datasets.ingest(admin, dataset, newSpec, file, file.getFileName().toString(), options, progress, false);
        }
      } else {
        outcome = datasets.ingest(admin, dataset, newSpec, file, file.getFileName().toString(), options, IngestProgress.NONE, false);
      }
      spec.commandLine().getOut().printf("%s dataset '%s' version %d: %d rows (%s%s)%n",
          outcome.created() ? "Created" : "Updated", outcome.dataset().name(), outcome.version().version(), outcome.version().rowCount(),
          outcome.version().format(), outcome.version().encoding() == null ? "" : ", " + outcome.version().encoding());
      outcome.version().warnings().forEach(w -> spec.commandLine().getOut().println("  note: " + w));
      return 0;
    }
  }

  static SourceFormat parseFormat(String format) {
    if (format == null) {
      return null;
    }
    return Arrays.stream(SourceFormat.values()).filter(f -> f.name().equalsIgnoreCase(format.strip())).findFirst()
        .orElseThrow(() -> new MadangException(ErrorCode.UNKNOWN_FORMAT, "The format '" + format + "' is not one of csv, tsv, xlsx, json, geojson, parquet."));
  }

  private static void put(Map<String, String> fields, String key, String value) {
    if (value != null) {
      fields.put(key, value);
    }
  }
}
