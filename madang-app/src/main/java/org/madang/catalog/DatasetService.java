package org.madang.catalog;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.madang.accounts.Viewer;
import org.madang.audit.AuditTrail;
import org.madang.engine.DataEngine;
import org.madang.engine.ErrorCode;
import org.madang.engine.ExportFormat;
import org.madang.engine.IngestProgress;
import org.madang.engine.IngestRequest;
import org.madang.engine.MadangException;
import org.madang.engine.ReadRequest;
import org.madang.engine.StagedVersion;
import org.madang.engine.TablePage;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The catalog's use cases: find datasets a viewer may see, add versions, read and download rows. Every path checks
 * {@link DatasetAccess} and audits access to restricted data.
 */
@Service
public class DatasetService {

  private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_-]{1,62}$");

  private final CatalogRepository repository;
  private final DataEngine engine;
  private final AuditTrail audit;
  private final TransactionTemplate transaction;
  private final CatalogSearch search;
  private final Map<String, ReentrantLock> uploadLocks = new ConcurrentHashMap<>();

  DatasetService(CatalogRepository repository, DataEngine engine, AuditTrail audit, TransactionTemplate transaction, CatalogSearch search) {
    this.repository = repository;
    this.engine = engine;
    this.audit = audit;
    this.transaction = transaction;
    this.search = search;
  }

  /** Checks that a name can name a dataset: 2-63 of a-z, 0-9, '-' and '_', starting with a letter. */
  public static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new MadangException(ErrorCode.INVALID_NAME,
          "A dataset name is 2 to 63 lowercase letters, digits, '-' or '_', starting with a letter; '" + shorten(name) + "' is not.",
          Map.of("field", "name"));
    }
  }

  public CatalogSearch.Result search(Viewer viewer, CatalogSearch.Query query) {
    return search.search(viewer, query);
  }

  /** The dataset if the viewer may see it; restricted datasets the viewer may not see are reported as missing. */
  public Dataset getVisible(Viewer viewer, String name) {
    return findVisible(viewer, name)
        .orElseThrow(() -> new MadangException(ErrorCode.NOT_FOUND, "There is no dataset named '" + shorten(name) + "'.", Map.of("field", "name")));
  }

  public Optional<Dataset> findVisible(Viewer viewer, String name) {
    return search.find(name).map(CatalogSearch.Hit::dataset).filter(d -> DatasetAccess.canSee(viewer, d));
  }

  public List<DatasetVersion> listVersions(Viewer viewer, String name) {
    return repository.listVersions(getVisible(viewer, name).id());
  }

  /** The given version, or the current one when {@code version} is null. */
  public DatasetVersion getVersion(Viewer viewer, String name, Integer version) {
    return versionOf(getVisible(viewer, name), version);
  }

  private DatasetVersion versionOf(Dataset d, Integer version) {
    String name = d.name();
    Integer v = version != null ? version : d.currentVersion();
    if (v == null) {
      throw new MadangException(ErrorCode.NOT_FOUND, "The dataset '" + name + "' has no data yet.", Map.of("field", "version"));
    }
    DatasetVersion current = search.find(name).map(CatalogSearch.Hit::current).orElse(null);
    if (current != null && current.version() == v) {
      return current; // the common case, answered from the catalog snapshot without a metadata query
    }
    return repository.findVersion(d.id(), v).filter(x -> !x.removed())
        .orElseThrow(() -> new MadangException(ErrorCode.NOT_FOUND, "The dataset '" + name + "' has no version " + v + ".", Map.of("field", "version")));
  }

  /**
   * Reads a file into a new version of a dataset, creating the dataset first when {@code spec} is given and it does not
   * exist. Either everything is recorded and the version is current, or nothing changed.
   *
   * @param spec metadata for a new dataset; null to require an existing one
   * @param mustBeNew refuse (409) when the dataset already exists
   */
  public IngestOutcome ingest(Viewer actor, String name, DatasetSpec spec, Path file, String fileName, UploadOptions options,
      IngestProgress progress, boolean mustBeNew) {
    return addVersion(actor, name, spec, mustBeNew, Route.UPLOAD, version -> {
      IngestRequest request = new IngestRequest(name, version, file, fileName, options.format(), options.sheet(), options.encoding(),
          options.latColumn(), options.lonColumn(), options.allowOutsideArea());
      return engine.stage(request, progress);
    }, () -> sizeOf(file), fileName, "from " + fileName);
  }

  /**
   * Publishes rows an analysis derived as a new version of a dataset (created from {@code spec} when missing), through
   * the same records, audit and atomic publish as an upload. Who may: see {@link DatasetAccess#canAddAnalysisResult};
   * the organization {@value Organization#ANALYSES} is created when first needed, and its datasets are created with the
   * access {@code spec} asks for (registered when it asks for none).
   *
   * @param stager stages the rows as the given version number (e.g. {@code version -> result.stage(name, version)})
   * @param origin says where the rows come from, for the version's file name and the audit, e.g. "analysis #12 (hotspot)"
   */
  public IngestOutcome publishAnalysisResult(Viewer actor, String name, DatasetSpec spec, IntFunction<StagedVersion> stager, String origin) {
    if (spec != null && Organization.ANALYSES.equals(spec.organization()) && repository.findOrganization(Organization.ANALYSES).isEmpty()
        && DatasetAccess.canAnalyse(actor)) {
      transaction.executeWithoutResult(status -> {
        if (repository.findOrganization(Organization.ANALYSES).isEmpty()) {
          repository.createOrganization(Organization.ANALYSES, "분석 결과", "Analysis results",
              "분석가와 공무원이 플랫폼에서 실행한 분석의 결과 데이터", "Datasets derived by analyses that analysts and officials ran on the platform",
              "department");
          audit.record(actor.username(), "organization.create", "organization", Organization.ANALYSES, "created for analysis results");
        }
      });
    }
    return addVersion(actor, name, spec, false, Route.ANALYSIS_RESULT, stager, () -> 0L, origin, origin);
  }

  /**
   * Publishes an output of the Big Data Campus that its stewards approved as a new dataset of the organization
   * {@value Organization#CAMPUS} (created when first needed). The approval is the authority, not the actor's roles:
   * the caller checks it. Always a new dataset, so an output never replaces data someone else published.
   */
  public IngestOutcome publishApprovedOutput(Viewer actor, String name, DatasetSpec spec, Path file, String origin) {
    if (!Organization.CAMPUS.equals(spec.organization())) {
      throw new IllegalArgumentException("approved outputs are published by the organization " + Organization.CAMPUS);
    }
    if (repository.findOrganization(Organization.CAMPUS).isEmpty()) {
      transaction.executeWithoutResult(status -> {
        if (repository.findOrganization(Organization.CAMPUS).isEmpty()) {
          repository.createOrganization(Organization.CAMPUS, "빅데이터 캠퍼스", "Big Data Campus",
              "빅데이터 캠퍼스 과제에서 데이터 관리자의 검토를 거쳐 반출된 집계 결과", "Aggregates that left Big Data Campus projects after a data steward's review",
              "department");
          audit.record(actor.username(), "organization.create", "organization", Organization.CAMPUS, "created for approved campus outputs");
        }
      });
    }
    return addVersion(actor, name, spec, true, Route.APPROVED_OUTPUT, version -> {
      IngestRequest request = new IngestRequest(name, version, file, file.getFileName().toString(), null, null, null, null, null, false);
      return engine.stage(request, IngestProgress.NONE);
    }, () -> sizeOf(file), file.getFileName().toString(), origin);
  }

  /** Checks that {@code actor} may publish an analysis result as {@code name} (with {@code spec} when new), without doing it. */
  public void checkAnalysisResultTarget(Viewer actor, String name, DatasetSpec spec) {
    checkName(name);
    Optional<Dataset> existing = repository.findDataset(name);
    if (existing.isPresent()) {
      Dataset d = existing.get();
      if (!DatasetAccess.canAddAnalysisVersion(actor, d, repository.findCreator(d.id()).orElse(null))) {
        throw DatasetAccess.canSee(actor, d)
            ? new MadangException(ErrorCode.ACCESS_DENIED, "You may not add versions to '" + name + "'; choose another output name.", Map.of("field", "output.dataset"))
            : new MadangException(ErrorCode.NAME_TAKEN, "The name '" + name + "' is taken; choose another output name.", Map.of("field", "output.dataset"));
      }
      return;
    }
    if (repository.existsSqlName(name.replace('-', '_'))) {
      throw new MadangException(ErrorCode.NAME_TAKEN, "The name '" + name + "' collides with an existing dataset's SQL name.", Map.of("field", "output.dataset"));
    }
    String org = spec == null ? null : spec.organization();
    if (Organization.ANALYSES.equals(org) && repository.findOrganization(org).isEmpty()) {
      if (!DatasetAccess.canAnalyse(actor)) {
        throw new MadangException(ErrorCode.ACCESS_DENIED, "Only analysts, officials, stewards and admins may publish analysis results.");
      }
      return;
    }
    Organization organization = repository.findOrganization(org == null ? "" : org)
        .orElseThrow(() -> new MadangException(ErrorCode.INVALID_ARGUMENT, "There is no organization named '" + shorten(org) + "'.", Map.of("field", "output.organization")));
    if (!DatasetAccess.canAddAnalysisResult(actor, organization)) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Only stewards of " + organization.titleKo() + " and admins may add its datasets.",
          Map.of("field", "output.organization"));
    }
  }

  /** Who vouches for a new version: the organization's steward (an upload), an analysis, or a steward's review. */
  private enum Route { UPLOAD, ANALYSIS_RESULT, APPROVED_OUTPUT }

  private IngestOutcome addVersion(Viewer actor, String name, DatasetSpec spec, boolean mustBeNew, Route route,
      IntFunction<StagedVersion> stager, LongSupplier bytesOf, String fileName, String origin) {
    checkName(name);
    if (!actor.isSignedIn()) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Sign in as a steward or admin to upload data.");
    }
    ReentrantLock lock = uploadLocks.computeIfAbsent(name, k -> new ReentrantLock());
    lock.lock();
    try {
      Optional<Dataset> existing = repository.findDataset(name);
      Organization organization;
      if (existing.isPresent()) {
        if (mustBeNew) {
          throw new MadangException(ErrorCode.NAME_TAKEN, "A dataset named '" + name + "' already exists; upload a new version to it instead.", Map.of("field", "name"));
        }
        boolean allowed = route == Route.ANALYSIS_RESULT
            ? DatasetAccess.canAddAnalysisVersion(actor, existing.get(), repository.findCreator(existing.get().id()).orElse(null))
            : DatasetAccess.canManage(actor, existing.get());
        if (!allowed) {
          throw DatasetAccess.canSee(actor, existing.get())
              ? new MadangException(ErrorCode.ACCESS_DENIED, "Only stewards of " + existing.get().organization().titleKo() + " and admins may upload versions of '" + name + "'.")
              : new MadangException(ErrorCode.NOT_FOUND, "There is no dataset named '" + name + "'.", Map.of("field", "name"));
        }
        organization = existing.get().organization();
      } else {
        if (spec == null) {
          throw new MadangException(ErrorCode.NOT_FOUND, "There is no dataset named '" + name + "'; give a title and organization to create it.", Map.of("field", "name"));
        }
        if (repository.existsSqlName(name.replace('-', '_'))) {
          throw new MadangException(ErrorCode.NAME_TAKEN, "The name '" + name + "' collides with an existing dataset's SQL name " + name.replace('-', '_') + ".", Map.of("field", "name"));
        }
        if (spec.titleKo() == null || spec.titleKo().isBlank()) {
          throw new MadangException(ErrorCode.INVALID_ARGUMENT, "A new dataset needs a title.", Map.of("field", "title"));
        }
        organization = repository.findOrganization(spec.organization() == null ? "" : spec.organization())
            .orElseThrow(() -> new MadangException(ErrorCode.INVALID_ARGUMENT, "There is no organization named '" + shorten(spec.organization()) + "'.", Map.of("field", "organization")));
        boolean allowed = switch (route) {
          case UPLOAD -> actor.stewards(organization.id());
          case ANALYSIS_RESULT -> DatasetAccess.canAddAnalysisResult(actor, organization);
          case APPROVED_OUTPUT -> Organization.CAMPUS.equals(organization.name());
        };
        if (!allowed) {
          throw new MadangException(ErrorCode.ACCESS_DENIED, "Only stewards of " + organization.titleKo() + " and admins may add its datasets.");
        }
      }
      int version = existing.map(d -> repository.nextVersionNumber(d.id())).orElse(1);
      long bytes = bytesOf.getAsLong();
      StagedVersion staged = stager.apply(version);
      boolean[] published = {false};
      try {
        IngestOutcome outcome = transaction.execute(status -> {
          long datasetId = existing.map(Dataset::id).orElseGet(() -> repository.insertDataset(spec, name.replace('-', '_'), organization.id(), actor.username()));
          long versionId = repository.insertVersion(datasetId, staged, bytes, fileName, actor.username());
          repository.setCurrentVersion(datasetId, version);
          audit.record(actor.username(), "dataset.version.create", "dataset", name,
              "version " + version + ", " + staged.rowCount() + " rows " + origin);
          staged.publish();
          published[0] = true;
          return new IngestOutcome(repository.getDataset(datasetId), repository.getVersion(versionId), existing.isEmpty());
        });
        search.invalidate();
        return outcome;
      } finally {
        if (!published[0]) {
          staged.discard();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Edits metadata (null fields stay). Stewards of the dataset's organization and admins only. */
  public Dataset updateMetadata(Viewer actor, String name, DatasetSpec spec) {
    Dataset d = getVisible(actor, name);
    if (!DatasetAccess.canManage(actor, d)) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Only stewards of " + d.organization().titleKo() + " and admins may edit '" + name + "'.");
    }
    Long orgId = null;
    if (spec.organization() != null) {
      Organization org = repository.findOrganization(spec.organization())
          .orElseThrow(() -> new MadangException(ErrorCode.INVALID_ARGUMENT, "There is no organization named '" + shorten(spec.organization()) + "'.", Map.of("field", "organization")));
      if (!actor.stewards(org.id())) {
        throw new MadangException(ErrorCode.ACCESS_DENIED, "You may not move a dataset to " + org.titleKo() + ".");
      }
      orgId = org.id();
    }
    Long finalOrgId = orgId;
    Dataset updated = transaction.execute(status -> {
      repository.updateDataset(d.id(), spec, finalOrgId);
      audit.record(actor.username(), "dataset.metadata.update", "dataset", name, null);
      return repository.getDataset(d.id());
    });
    search.invalidate();
    return updated;
  }

  /** Removes one version's data; the current version can be removed only when it is the last one left. */
  public void removeVersion(Viewer actor, String name, int version) {
    Dataset d = getVisible(actor, name);
    if (!DatasetAccess.canManage(actor, d)) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Only stewards of " + d.organization().titleKo() + " and admins may remove versions.");
    }
    DatasetVersion v = versionOf(d, version);
    if (d.currentVersion() != null && d.currentVersion() == version) {
      throw new MadangException(ErrorCode.CONFLICT, "Version " + version + " is the current version of '" + name + "'; upload a newer one first.", Map.of("field", "version"));
    }
    transaction.executeWithoutResult(status -> {
      repository.markVersionRemoved(v.id());
      audit.record(actor.username(), "dataset.version.remove", "dataset", name, "version " + version);
      engine.dropVersion(name, version);
    });
  }

  /** A page of rows. Restricted reads are audited. */
  public TablePage readRows(Viewer viewer, String name, Integer version, ReadRequest request) {
    Dataset d = getVisible(viewer, name);
    checkRows(viewer, d);
    DatasetVersion v = versionOf(d, version);
    TablePage page = engine.read(new ReadRequest(v.tableName(), request.q(), request.filters(), request.fields(), request.sort(),
        request.bbox(), request.limit(), request.offset()));
    if (d.access() == AccessLevel.RESTRICTED) {
      audit.record(viewer.username(), "dataset.rows.read", "dataset", name, "version " + v.version() + ", " + page.rows().size() + " rows");
    }
    return page;
  }

  /**
   * Checks that the viewer may download a version in a format and records the download (downloads are counted as
   * information served). The returned download writes the data later, possibly on another thread, without the
   * viewer's security context.
   */
  public Download prepareDownload(Viewer viewer, String name, Integer version, ExportFormat format) {
    Dataset d = getVisible(viewer, name);
    checkRows(viewer, d);
    DatasetVersion v = versionOf(d, version);
    if (format == ExportFormat.GEOJSON && v.spatial() == null) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The dataset '" + name + "' has no locations, so it has no GeoJSON download.", Map.of("field", "format"));
    }
    audit.record(viewer.username(), "dataset.download", "dataset", name, "version " + v.version() + " as " + format.extension());
    return new Download(name + "-v" + v.version() + "." + format.extension(), format, v.tableName(), engine);
  }

  /** A granted download of one version; {@link #writeTo} streams it. */
  public record Download(String fileName, ExportFormat format, String table, DataEngine engine) {
    public void writeTo(OutputStream out) {
      engine.export(table, format, out);
    }
  }

  /** Fails unless the viewer may read the dataset's rows. */
  public void checkRows(Viewer viewer, Dataset d) {
    if (!DatasetAccess.canReadRows(viewer, d)) {
      throw new MadangException(ErrorCode.ACCESS_DENIED,
          d.access() == AccessLevel.REGISTERED ? "Sign in to read the rows of '" + d.name() + "'." : "You may not read the rows of '" + d.name() + "'.");
    }
  }

  public List<Organization> listOrganizations() {
    return repository.listOrganizations();
  }

  /** The organization with this name, created (titled by its name) when missing; admins only. */
  public Organization findOrCreateOrganization(Viewer actor, String name) {
    if (!actor.isAdmin()) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Only admins create organizations.");
    }
    if (name == null || !NAME.matcher(name).matches()) {
      throw new MadangException(ErrorCode.INVALID_NAME, "An organization name is 2 to 63 lowercase letters, digits, '-' or '_'.", Map.of("field", "organization"));
    }
    return repository.findOrganization(name).orElseGet(() -> transaction.execute(status -> {
      audit.record(actor.username(), "organization.create", "organization", name, null);
      return repository.createOrganization(name, name, name, null, null, "department");
    }));
  }

  public Optional<Organization> findOrganization(String name) {
    return repository.findOrganization(name);
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      throw new MadangException(ErrorCode.INTERNAL, "The uploaded file could not be read.", Map.of(), e);
    }
  }

  static String shorten(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
