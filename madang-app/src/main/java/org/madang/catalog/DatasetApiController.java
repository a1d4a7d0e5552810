package org.madang.catalog;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.madang.MadangProperties;
import org.madang.accounts.Viewer;
import org.madang.engine.ErrorCode;
import org.madang.engine.ExportFormat;
import org.madang.engine.IngestProgress;
import org.madang.engine.MadangException;
import org.madang.engine.ReadRequest;
import org.madang.engine.SourceFormat;
import org.madang.engine.TablePage;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Madang's own REST API for the catalog: search, metadata, rows, downloads and uploads. */
@RestController
@RequestMapping("/api")
class DatasetApiController {

  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

  private final DatasetService datasets;
  private final MadangProperties properties;
  private final org.madang.engine.DataEngine engine;

  DatasetApiController(DatasetService datasets, MadangProperties properties, org.madang.engine.DataEngine engine) {
    this.datasets = datasets;
    this.properties = properties;
    this.engine = engine;
  }

  @GetMapping("/datasets")
  Map<String, Object> search(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) List<String> organization,
      @RequestParam(required = false) List<String> tag,
      @RequestParam(required = false) List<String> access,
      @RequestParam(required = false) List<String> format,
      @RequestParam(required = false) String sort,
      @RequestParam(defaultValue = "0") int offset,
      @RequestParam(defaultValue = "20") int limit) {
    if (limit < 0 || limit > 1000 || offset < 0) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "limit must be 0 to 1000 and offset not negative.", Map.of("field", limit < 0 || limit > 1000 ? "limit" : "offset"));
    }
    var query = new CatalogSearch.Query(q, set(organization), set(tag),
        set(access).stream().map(AccessLevel::fromCode).collect(Collectors.toSet()), set(format), null, sort, offset, limit, false);
    CatalogSearch.Result result = datasets.search(Viewer.current(), query);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", result.total());
    body.put("datasets", result.hits().stream().map(h -> DatasetJson.summary(h.dataset(), h.current())).toList());
    body.put("facets", result.facets());
    return body;
  }

  @GetMapping("/datasets/{name}")
  Map<String, Object> show(@PathVariable String name) {
    Viewer viewer = Viewer.current();
    Dataset d = datasets.getVisible(viewer, name);
    DatasetVersion current = d.currentVersion() == null ? null : datasets.getVersion(viewer, name, null);
    return DatasetJson.full(d, current);
  }

  @GetMapping("/datasets/{name}/versions")
  List<Map<String, Object>> versions(@PathVariable String name) {
    // an analysis result's versions say how they were computed: analysis, engine, parameters, inputs
    return datasets.listVersions(Viewer.current(), name).stream().map(v -> {
      Map<String, Object> m = DatasetJson.version(v);
      if (v.removedAt() == null) {
        engine.findLineage(v.tableName()).ifPresent(l -> m.put("lineage", JSON.readTree(l.toJson())));
      }
      return m;
    }).toList();
  }

  @GetMapping("/datasets/{name}/rows")
  Map<String, Object> rows(
      @PathVariable String name,
      @RequestParam(required = false) Integer version,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) List<String> fields,
      @RequestParam(required = false) String bbox,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(defaultValue = "0") long offset,
      @RequestParam Map<String, String> all) {
    if (limit < 0 || limit > 32000 || offset < 0) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "limit must be 0 to 32000 and offset not negative.", Map.of("field", limit < 0 || limit > 32000 ? "limit" : "offset"));
    }
    Map<String, Object> filters = new LinkedHashMap<>();
    all.forEach((k, v) -> {
      if (k.startsWith("filter.")) {
        filters.put(k.substring(7), v);
      }
    });
    TablePage page = datasets.readRows(Viewer.current(), name, version,
        new ReadRequest(null, q, filters, fields == null ? List.of() : fields, sort, parseBbox(bbox), limit, offset));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", page.total());
    body.put("columns", page.columns().stream().map(c -> Map.of("name", c.name(), "label", c.label(), "type", c.type())).toList());
    body.put("rows", page.rows());
    return body;
  }

  @GetMapping("/datasets/{name}/download")
  ResponseEntity<StreamingResponseBody> download(@PathVariable String name, @RequestParam(defaultValue = "csv") String format,
      @RequestParam(required = false) Integer version) {
    return attachment(datasets.prepareDownload(Viewer.current(), name, version, exportFormat(format)));
  }

  /** A granted download as an attachment, streamed after the checks (the body is written on another thread). */
  static ResponseEntity<StreamingResponseBody> attachment(DatasetService.Download download) {
    ExportFormat f = download.format();
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(download.fileName()).build().toString())
        .contentType(MediaType.parseMediaType(f.mediaType() + (f == ExportFormat.PARQUET ? "" : ";charset=UTF-8")))
        .body(download::writeTo);
  }

  @PostMapping(path = "/datasets", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Map<String, Object>> create(
      @RequestParam("file") MultipartFile file,
      @RequestParam String name,
      @RequestParam String title,
      @RequestParam(name = "title_en", required = false) String titleEn,
      @RequestParam(required = false) String description,
      @RequestParam(name = "description_en", required = false) String descriptionEn,
      @RequestParam String organization,
      @RequestParam(required = false) String tags,
      @RequestParam(required = false) String license,
      @RequestParam(name = "update_frequency", required = false) String updateFrequency,
      @RequestParam(required = false) String source,
      @RequestParam(name = "source_url", required = false) String sourceUrl,
      @RequestParam(defaultValue = "public") String access,
      @RequestParam(name = "temporal_start", required = false) String temporalStart,
      @RequestParam(name = "temporal_end", required = false) String temporalEnd,
      @RequestParam(name = "spatial_coverage", required = false) String spatialCoverage,
      @RequestParam(defaultValue = "false") boolean synthetic,
      UploadParameters upload,
      HttpServletRequest request) {
    checkSize(request, file);
    DatasetSpec spec = new DatasetSpec(name, title, titleEn, description, descriptionEn, organization, splitTags(tags), license,
        updateFrequency, source, sourceUrl, AccessLevel.fromCode(access), date(temporalStart, "temporal_start"), date(temporalEnd, "temporal_end"),
        spatialCoverage, synthetic);
    IngestOutcome outcome = withUpload(file, path -> datasets.ingest(Viewer.current(), name, spec, path, file.getOriginalFilename(), upload.options(), IngestProgress.NONE, true));
    return ResponseEntity.status(HttpStatus.CREATED).body(DatasetJson.full(outcome.dataset(), outcome.version()));
  }

  @PostMapping(path = "/datasets/{name}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Map<String, Object>> addVersion(@PathVariable String name, @RequestParam("file") MultipartFile file, UploadParameters upload,
      HttpServletRequest request) {
    checkSize(request, file);
    IngestOutcome outcome = withUpload(file, path -> datasets.ingest(Viewer.current(), name, null, path, file.getOriginalFilename(), upload.options(), IngestProgress.NONE, false));
    return ResponseEntity.status(HttpStatus.CREATED).body(DatasetJson.version(outcome.version()));
  }

  @PatchMapping("/datasets/{name}")
  Map<String, Object> edit(@PathVariable String name, @RequestBody Map<String, Object> body) {
    DatasetSpec spec = new DatasetSpec(name, str(body, "title"), str(body, "title_en"), str(body, "description"), str(body, "description_en"),
        str(body, "organization"), body.get("tags") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : null,
        str(body, "license"), str(body, "update_frequency"), str(body, "source"), str(body, "source_url"),
        body.get("access") == null ? null : AccessLevel.fromCode(str(body, "access")), date(str(body, "temporal_start"), "temporal_start"),
        date(str(body, "temporal_end"), "temporal_end"), str(body, "spatial_coverage"),
        body.get("synthetic") == null ? null : Boolean.valueOf(String.valueOf(body.get("synthetic"))));
    Dataset d = datasets.updateMetadata(Viewer.current(), name, spec);
    return DatasetJson.full(d, d.currentVersion() == null ? null : datasets.getVersion(Viewer.current(), name, null));
  }

  @DeleteMapping("/datasets/{name}/versions/{version}")
  ResponseEntity<Void> removeVersion(@PathVariable String name, @PathVariable int version) {
    datasets.removeVersion(Viewer.current(), name, version);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/organizations")
  List<Map<String, Object>> organizations() {
    return datasets.listOrganizations().stream().map(DatasetJson::organization).toList();
  }

  /** Upload options shared by create and new-version requests, bound from form fields. */
  record UploadParameters(String format, String sheet, String encoding, String lat, String lon, Boolean allow_outside_area) {
    UploadOptions options() {
      SourceFormat f = null;
      if (format != null && !format.isBlank()) {
        try {
          f = SourceFormat.valueOf(format.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new MadangException(ErrorCode.UNKNOWN_FORMAT, "The format '" + format + "' is not one of csv, tsv, xlsx, json, geojson, parquet.", Map.of("field", "format"));
        }
      }
      return new UploadOptions(f, blank(sheet), blank(encoding), blank(lat), blank(lon), Boolean.TRUE.equals(allow_outside_area));
    }
  }

  private interface UploadAction {
    IngestOutcome run(Path path);
  }

  private IngestOutcome withUpload(MultipartFile file, UploadAction action) {
    if (file.isEmpty() && file.getSize() == 0 && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The form field 'file' carries no file.", Map.of("field", "file"));
    }
    Path dir = properties.dataDir().resolve("uploads");
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "upload-", ".bin");
      file.transferTo(tmp);
      return action.run(tmp);
    } catch (IOException e) {
      throw new MadangException(ErrorCode.INTERNAL, "The upload could not be stored for reading.", Map.of(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a leftover temp upload is removed on the next start
        }
      }
    }
  }

  private void checkSize(HttpServletRequest request, MultipartFile file) {
    long max = properties.ingest().maxUploadBytes().toBytes();
    if (file.getSize() > max) {
      throw new MadangException(ErrorCode.FILE_TOO_LARGE, "The file is " + file.getSize() + " bytes; uploads are limited to " + max + " bytes.", Map.of("field", "file"));
    }
  }

  static double[] parseBbox(String bbox) {
    if (bbox == null || bbox.isBlank()) {
      return null;
    }
    try {
      double[] b = Arrays.stream(bbox.split(",")).mapToDouble(s -> Double.parseDouble(s.strip())).toArray();
      if (b.length != 4 || b[0] > b[2] || b[1] > b[3]) {
        throw new NumberFormatException();
      }
      return b;
    } catch (NumberFormatException e) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "bbox must be minLon,minLat,maxLon,maxLat with min ≤ max.", Map.of("field", "bbox"));
    }
  }

  static ExportFormat exportFormat(String format) {
    try {
      return ExportFormat.valueOf(format.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The download format must be csv, geojson or parquet.", Map.of("field", "format"));
    }
  }

  private static Set<String> set(List<String> values) {
    return values == null ? Set.of() : values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }

  private static List<String> splitTags(String tags) {
    return tags == null ? List.of() : Arrays.stream(tags.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static LocalDate date(String s, String field) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(s.strip());
    } catch (DateTimeParseException e) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, field + " must be a date like 2024-12-31.", Map.of("field", field));
    }
  }

  private static String str(Map<String, Object> body, String key) {
    Object v = body.get(key);
    return v == null ? null : String.valueOf(v);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
