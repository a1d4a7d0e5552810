package org.madang.analyses;

import jakarta.annotation.PreDestroy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.madang.MadangProperties;
import org.madang.accounts.Viewer;
import org.madang.audit.AuditTrail;
import org.madang.catalog.AccessLevel;
import org.madang.catalog.Dataset;
import org.madang.catalog.DatasetAccess;
import org.madang.catalog.DatasetService;
import org.madang.catalog.DatasetSpec;
import org.madang.catalog.DatasetVersion;
import org.madang.catalog.IngestOutcome;
import org.madang.catalog.Organization;
import org.madang.engine.DataEngine;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.analysis.AnalysisKind;
import org.madang.engine.analysis.AnalysisRequest;
import org.madang.engine.analysis.AnalysisResult;
import org.madang.engine.analysis.DatasetReference;
import org.madang.engine.analysis.SparkJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Analysis jobs: checks a request up front (who asks, what they may read, the parameters against the datasets, where
 * the result goes), records it, runs it on a bounded pool of worker threads, and publishes the result as a catalog
 * dataset through {@link DatasetService#publishAnalysisResult}. Every submission and outcome is audited.
 *
 * <p><b>Where results go.</b> {@code output.organization} when given (the caller must be a steward of it or an admin);
 * otherwise the organization of a restricted input, if any (restricted data stays with its owners); otherwise the
 * shared organization {@value Organization#ANALYSES}, created on first use, where analysts and officials may publish.
 * The result's access is the strictest of what {@code output.access} asks (default {@code registered}) and its inputs'
 * levels, so an analysis never makes data more visible than what it read; {@code public} may be chosen only by the
 * target organization's stewards and admins. A result computed from synthetic data is marked synthetic too.
 *
 * <p>Thread-safe. Progress and cancellation of running jobs live in memory; status changes go to the database.
 */
@Service
public class AnalysisJobs {

  private static final Logger log = LoggerFactory.getLogger(AnalysisJobs.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> OUTPUT_KEYS = Set.of("dataset", "title", "title_en", "description", "description_en", "organization", "access");
  private static final int MAX_PARAMETERS_CHARS = 16_000;

  private final DatasetService datasets;
  private final DataEngine engine;
  private final AnalysisJobRepository repository;
  private final AuditTrail audit;
  private final ThreadPoolExecutor workers;
  private final SparkSubmission spark;
  private final Path sparkWork;
  private final Map<Long, Running> running = new ConcurrentHashMap<>();

  AnalysisJobs(DatasetService datasets, DataEngine engine, AnalysisJobRepository repository, AuditTrail audit, MadangProperties properties) {
    this.spark = new SparkSubmission(properties.spark());
    this.sparkWork = properties.spark().workDir().isBlank() ? properties.dataDir().resolve("spark") : Path.of(properties.spark().workDir());
    this.datasets = datasets;
    this.engine = engine;
    this.repository = repository;
    this.audit = audit;
    MadangProperties.Analyses settings = properties.analyses();
    int threads = Math.max(1, settings.workers());
    AtomicInteger number = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(Math.max(1, settings.queue())), r -> {
      Thread t = new Thread(r, "madang-analysis-" + number.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** A job's live state: progress, the cancel flag, and the viewer it runs for. */
  private static final class Running {
    final Viewer actor;
    final AtomicBoolean cancel = new AtomicBoolean();
    volatile double progress;
    volatile String phase = AnalysisJob.QUEUED;
    volatile Future<?> future;
    volatile SparkSubmission.SparkProgress spark;

    Running(Viewer actor) {
      this.actor = actor;
    }
  }

  /** What to publish: the dataset's name, its metadata when new, and the access it gets. */
  private record Target(String dataset, DatasetSpec spec) {}

  /**
   * Checks and queues an analysis. The body holds the kind's parameters and optionally {@code output}: {@code
   * {dataset, title, title_en, description, description_en, organization, access}}.
   *
   * @throws MadangException ACCESS_DENIED (403) for callers who may not analyse or may not read an input or write the
   *     output, INVALID_ARGUMENT (400) naming the field for bad parameters or unknown datasets and columns,
   *     INSUFFICIENT_RESOURCES (503) when the queue is full
   */
  public AnalysisJob submit(Viewer actor, AnalysisKind kind, JsonNode body) {
    if (!DatasetAccess.canAnalyse(actor)) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Sign in as an analyst, official, steward or admin to run analyses.");
    }
    if (body == null || !body.isObject()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "Send the analysis' parameters as a JSON object.", Map.of("field", "parameters"));
    }
    if (JSON.writeValueAsString(body).length() > MAX_PARAMETERS_CHARS) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The parameters are longer than " + MAX_PARAMETERS_CHARS + " characters.", Map.of("field", "parameters"));
    }
    ObjectNode parameters = (ObjectNode) body.deepCopy();
    JsonNode output = parameters.remove("output");
    String engineName = engineOf(kind, parameters.remove("engine"));
    if (output != null && !output.isNull() && !output.isObject()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "output must be an object such as {\"dataset\": \"my-result\"}.", Map.of("field", "output"));
    }
    AnalysisRequest request = AnalysisRequest.parse(kind, parameters);
    Map<String, String> tables = new LinkedHashMap<>();
    List<Dataset> inputs = new ArrayList<>();
    ArrayNode inputVersions = JSON.createArrayNode();
    for (DatasetReference ref : request.datasets()) {
      Dataset d = datasets.findVisible(actor, ref.dataset()).orElseThrow(() -> new MadangException(ErrorCode.INVALID_ARGUMENT,
          "There is no dataset named '" + ref.dataset() + "'.", Map.of("field", ref.field())));
      if (!DatasetAccess.canReadRows(actor, d)) {
        throw new MadangException(ErrorCode.ACCESS_DENIED, "You may not read the rows of '" + d.name() + "', so you cannot analyse them.",
            Map.of("field", ref.field()));
      }
      if (d.currentVersion() == null) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The dataset '" + d.name() + "' has no data yet.", Map.of("field", ref.field()));
      }
      DatasetVersion v = datasets.getVersion(actor, d.name(), null);
      tables.put(d.name(), v.tableName());
      inputs.add(d);
      inputVersions.addObject().put("dataset", d.name()).put("version", v.version()).put("table", v.tableName());
    }
    if (SPARK.equals(engineName)) {
      // what Spark does not run is refused now, naming the parameter, rather than failing the queued job
      engine.analyses().checkSpark(request, tables);
    } else {
      engine.analyses().check(request, tables);
    }
    Target target = target(actor, kind, output == null || output.isNull() ? JSON.createObjectNode() : output, inputs);
    if (workers.getQueue().remainingCapacity() == 0) {
      throw busy();
    }
    long id = repository.insert(kind, engineName, body, inputVersions, target.dataset() == null ? "" : target.dataset(), actor.username());
    String dataset = target.dataset() != null ? target.dataset() : "analysis-" + id + "-" + kind.code();
    if (target.dataset() == null) {
      repository.setOutputDataset(id, dataset);
    }
    DatasetSpec spec = withName(target.spec(), dataset, id, kind, engineName, inputVersions);
    audit.record(actor.username(), "analysis.submit", "analysis", String.valueOf(id),
        kind.code() + (SPARK.equals(engineName) ? " on Spark" : "") + " over " + String.join(", ", tables.keySet()) + " → " + dataset);
    Running state = new Running(actor);
    running.put(id, state);
    try {
      state.future = workers.submit(() -> execute(id, kind, SPARK.equals(engineName), request, tables, dataset, spec, state));
    } catch (RejectedExecutionException e) {
      running.remove(id);
      repository.finish(id, AnalysisJob.FAILED, 0, "The platform is busy with other analyses.");
      throw busy();
    }
    return get(actor, id);
  }

  static final String EMBEDDED = "embedded";
  static final String SPARK = "spark";

  /** The engine the body asks for: embedded (the default) or spark, when Spark is set up and runs this kind. */
  private String engineOf(AnalysisKind kind, JsonNode engine) {
    if (engine == null || engine.isNull()) {
      return EMBEDDED;
    }
    String name = engine.isString() ? engine.asString().strip().toLowerCase(java.util.Locale.ROOT) : "";
    if (EMBEDDED.equals(name)) {
      return EMBEDDED;
    }
    if (!SPARK.equals(name)) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "engine must be \"embedded\" or \"spark\".", Map.of("field", "engine"));
    }
    if (kind == AnalysisKind.TRANSIT) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT,
          "Bus route design runs on the embedded engine only: its network fits one machine; leave engine out.", Map.of("field", "engine"));
    }
    if (!spark.available()) {
      throw new MadangException(ErrorCode.INSUFFICIENT_RESOURCES,
          "Spark is not set up on this server: build madang-spark (mvn package) or set madang.spark.home.", Map.of("field", "engine"));
    }
    return SPARK;
  }

  /** Whether analyses can run on Spark here. */
  public boolean sparkAvailable() {
    return spark.available();
  }

  /** The Spark master analyses run on. */
  public String sparkMaster() {
    return spark.master();
  }

  private static MadangException busy() {
    return new MadangException(ErrorCode.INSUFFICIENT_RESOURCES, "Too many analyses are waiting; try again when some have finished.");
  }

  /** A job the viewer may see (their own; admins see all). */
  public AnalysisJob get(Viewer viewer, long id) {
    AnalysisJob job = repository.find(id).filter(j -> viewer.isAdmin() || j.submittedBy().equals(viewer.username()))
        .orElseThrow(() -> new MadangException(ErrorCode.NOT_FOUND, "There is no analysis " + id + ".", Map.of("field", "id")));
    Running state = running.get(id);
    if (state != null && !job.finished()) {
      return job.withProgress(state.progress, state.phase, state.spark);
    }
    return job;
  }

  /** The viewer's latest jobs (everyone's for admins), newest first. */
  public List<AnalysisJob> list(Viewer viewer, int limit) {
    if (!viewer.isSignedIn()) {
      return List.of();
    }
    return viewer.isAdmin() ? repository.listLatest(limit) : repository.listBy(viewer.username(), limit);
  }

  /**
   * Cancels a job: a queued one at once, a running one as soon as its kernel next looks (within a fraction of a second);
   * its result is not published. A finished job cannot be cancelled (409).
   */
  public AnalysisJob cancel(Viewer viewer, long id) {
    AnalysisJob job = get(viewer, id);
    if (job.finished()) {
      throw new MadangException(ErrorCode.CONFLICT, "Analysis " + id + " has already " + job.status() + ".", Map.of("field", "id"));
    }
    Running state = running.get(id);
    if (state != null) {
      state.cancel.set(true);
      state.phase = "cancelling";
    }
    if (repository.cancelQueued(id)) {
      running.remove(id);
      if (state != null && state.future != null) {
        state.future.cancel(false);
      }
    }
    audit.record(viewer.username(), "analysis.cancel", "analysis", String.valueOf(id), job.kind().code());
    return get(viewer, id);
  }

  /** Waits until a job has finished (for the demo and tests), at most {@code seconds}. */
  public AnalysisJob await(Viewer viewer, long id, long seconds) {
    Running state = running.get(id);
    if (state != null && state.future != null) {
      try {
        state.future.get(seconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | CancellationException | TimeoutException e) {
        // the job records its own outcome
      }
    }
    return get(viewer, id);
  }

  /** Marks jobs of an earlier run that never finished as failed; called once at start-up. */
  void failUnfinishedJobs() {
    int n = repository.failUnfinished("The platform stopped before the analysis finished; run it again.");
    if (n > 0) {
      log.info("Marked {} analysis job(s) left unfinished by an earlier run as failed", n);
    }
  }

  private void execute(
      long id, AnalysisKind kind, boolean onSpark, AnalysisRequest request, Map<String, String> tables, String dataset, DatasetSpec spec, Running state) {
    Path work = sparkWork.resolve("analysis-" + id);
    boolean keepWork = false;
    try {
      if (state.cancel.get() || !repository.start(id)) {
        return;
      }
      state.phase = AnalysisJob.RUNNING;
      AnalysisResult result;
      if (onSpark) {
        result = runOnSpark(request, tables, work, state);
      } else {
        result = engine.analyses().run(request, tables, (phase, fraction) -> {
          state.phase = state.cancel.get() ? "cancelling" : phase;
          state.progress = Math.max(state.progress, Math.min(0.95, fraction));
        }, state.cancel::get);
      }
      if (state.cancel.get()) {
        throw new CancellationException();
      }
      state.phase = "publishing";
      IngestOutcome outcome = datasets.publishAnalysisResult(state.actor, dataset, spec, version -> result.stage(dataset, version),
          "from analysis #" + id + " (" + kind.code() + ")");
      repository.succeed(id, outcome.version().version(), JSON.valueToTree(JsonNumbers.finite(result.summary())));
      audit.record(state.actor.username(), "analysis.succeed", "analysis", String.valueOf(id),
          kind.code() + " → " + dataset + " version " + outcome.version().version() + ", " + result.rowCount() + " rows");
    } catch (CancellationException e) {
      repository.finish(id, AnalysisJob.CANCELLED, state.progress, null);
    } catch (MadangException e) {
      if (e.code().type() != ErrorCode.Type.USER) {
        log.error("Analysis {} ({}) failed", id, kind.code(), e);
        keepWork = onSpark;
      }
      fail(id, kind, state, e.getMessage());
    } catch (RuntimeException e) {
      log.error("Analysis {} ({}) failed", id, kind.code(), e);
      keepWork = onSpark;
      fail(id, kind, state, "The analysis failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("")));
    } finally {
      running.remove(id);
      if (onSpark && !keepWork) {
        deleteTree(work);
      } else if (keepWork) {
        log.warn("Kept the Spark work folder of analysis {} for inspection: {}", id, work);
      }
    }
  }

  /**
   * The analysis on Spark: the engine checks it and exports its inputs as Parquet with a resolved job description,
   * the driver runs as a child process (progress from its reports), and the engine reads the output back as an
   * ordinary result, so it is published exactly as an embedded one.
   */
  private AnalysisResult runOnSpark(AnalysisRequest request, Map<String, String> tables, Path work, Running state) {
    state.phase = "exporting";
    deleteTree(work);
    SparkJob job = engine.analyses().prepareSpark(request, tables, work);
    state.progress = 0.1;
    if (state.cancel.get()) {
      throw new CancellationException();
    }
    spark.run(job.jobFile(), null, p -> {
      state.spark = p;
      state.phase = state.cancel.get() ? "cancelling" : p.phase();
      state.progress = Math.max(state.progress, 0.1 + 0.8 * Math.min(1, p.fraction()));
    }, state.cancel::get);
    state.phase = "reading";
    // facility location solves here, over the demand cells Spark summed
    return engine.analyses().readSparkResult(job, request, (phase, fraction) -> {
      state.phase = state.cancel.get() ? "cancelling" : phase;
      state.progress = Math.max(state.progress, 0.9 + 0.05 * Math.min(1, fraction));
    }, state.cancel::get);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      log.warn("Could not delete {}", dir, e);
    }
  }

  private void fail(long id, AnalysisKind kind, Running state, String message) {
    try {
      repository.finish(id, AnalysisJob.FAILED, state.progress, message);
      audit.record(state.actor.username(), "analysis.fail", "analysis", String.valueOf(id), kind.code() + ": " + message);
    } catch (RuntimeException e) {
      log.warn("Could not record the failure of analysis {}", id, e);
    }
  }

  /** Where the result goes and with what access; see the class comment. Checked now, so the job can succeed. */
  private Target target(Viewer actor, AnalysisKind kind, JsonNode output, List<Dataset> inputs) {
    for (String key : output.propertyNames()) {
      if (!OUTPUT_KEYS.contains(key)) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "There is no output parameter '" + key + "'; they are "
            + String.join(", ", OUTPUT_KEYS.stream().sorted().toList()) + ".", Map.of("field", "output." + key));
      }
    }
    String dataset = text(output, "dataset");
    if (dataset != null) {
      try {
        DatasetService.checkName(dataset);
      } catch (MadangException e) {
        throw new MadangException(e.code(), e.getMessage(), Map.of("field", "output.dataset"));
      }
    }
    Optional<Dataset> restricted = inputs.stream().filter(d -> d.access() == AccessLevel.RESTRICTED).findFirst();
    String organization = text(output, "organization");
    if (organization == null) {
      organization = restricted.map(d -> d.organization().name()).orElse(Organization.ANALYSES);
    }
    AccessLevel strictestInput = inputs.stream().map(Dataset::access).max(Enum::compareTo).orElse(AccessLevel.PUBLIC);
    AccessLevel requested;
    try {
      requested = output.has("access") ? AccessLevel.fromCode(text(output, "access")) : AccessLevel.REGISTERED;
    } catch (IllegalArgumentException e) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "output.access must be public, registered or restricted.", Map.of("field", "output.access"));
    }
    if (requested == AccessLevel.PUBLIC) {
      Optional<Organization> org = datasets.findOrganization(organization);
      // the analyses organization may not exist yet; then only admins steward it
      boolean stewards = org.map(o -> actor.stewards(o.id())).orElse(actor.isAdmin() && Organization.ANALYSES.equals(organization));
      if (!stewards) {
        throw new MadangException(ErrorCode.ACCESS_DENIED, "Only the organization's stewards and admins may publish an analysis result for everyone; "
            + "leave output.access out to share it with signed-in users.", Map.of("field", "output.access"));
      }
    }
    AccessLevel access = requested.compareTo(strictestInput) >= 0 ? requested : strictestInput;
    String title = text(output, "title");
    String titleEn = text(output, "title_en");
    String inputNames = String.join(", ", inputs.stream().map(Dataset::name).toList());
    DatasetSpec spec = new DatasetSpec(dataset, title != null ? title : titleKo(kind) + ": " + inputNames,
        titleEn != null ? titleEn : titleEn(kind) + ": " + inputNames, text(output, "description"), text(output, "description_en"),
        organization, List.of("analysis", "분석", kind.code()), "Derived from the input datasets; their licences apply.", null, null, null, access,
        null, null, null, inputs.stream().anyMatch(Dataset::synthetic));
    datasets.checkAnalysisResultTarget(actor, dataset != null ? dataset : "analysis-0-" + kind.code(), spec);
    return new Target(dataset, spec);
  }

  /** The spec with the dataset's name and, where the caller gave none, descriptions naming the analysis and its inputs. */
  private static DatasetSpec withName(DatasetSpec s, String name, long id, AnalysisKind kind, String engine, ArrayNode inputs) {
    List<String> read = new ArrayList<>();
    inputs.forEach(i -> read.add(i.path("dataset").asString() + " v" + i.path("version").asInt()));
    String from = String.join(", ", read);
    String ko = s.descriptionKo() != null ? s.descriptionKo() : "마당 분석 #" + id + " (" + titleKo(kind) + ")의 결과. 입력: " + from + ".";
    String en = s.descriptionEn() != null ? s.descriptionEn() : "Result of Madang analysis #" + id + " (" + titleEn(kind) + "). Inputs: " + from + ".";
    return new DatasetSpec(name, s.titleKo(), s.titleEn(), ko, en, s.organization(), s.tags(), s.license(), s.updateFrequency(),
        "Madang analysis #" + id + " (" + kind.code() + (SPARK.equals(engine) ? ", on Spark" : "") + ") of " + from, null, s.access(), s.temporalStart(), s.temporalEnd(),
        s.spatialCoverage(), s.synthetic());
  }

  static String titleKo(AnalysisKind kind) {
    return switch (kind) {
      case HOTSPOT -> "핫스팟 분석";
      case AGGREGATE -> "격자·자치구 집계";
      case KDE -> "커널 밀도";
      case DBSCAN -> "DBSCAN 군집";
      case PMEDIAN -> "p-메디안 입지";
      case MCLP -> "최대 커버링 입지";
      case SETCOVER -> "집합 커버링 입지";
      case TRANSIT -> "버스 노선 설계";
    };
  }

  static String titleEn(AnalysisKind kind) {
    return switch (kind) {
      case HOTSPOT -> "Hot spots";
      case AGGREGATE -> "Cell and district totals";
      case KDE -> "Kernel density";
      case DBSCAN -> "DBSCAN clusters";
      case PMEDIAN -> "p-median siting";
      case MCLP -> "Maximal covering siting";
      case SETCOVER -> "Set covering siting";
      case TRANSIT -> "Bus route design";
    };
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isString() || v.asString().isBlank()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "output." + key + " must be text.", Map.of("field", "output." + key));
    }
    return v.asString().strip();
  }


  @PreDestroy
  void stop() {
    running.values().forEach(r -> r.cancel.set(true));
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
