package org.madang.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madang.accounts.Viewer;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.ReadRequest;
import org.madang.engine.TablePage;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Downloads and map data for the dataset page, under the page URLs so that a visitor signed in with the login form
 * gets what that sign-in allows (the {@code /api} chain is stateless and only knows HTTP Basic and tokens). Read-only
 * GETs, so the session needs no CSRF token here. Same checks and audit as the REST API, through {@link
 * DatasetService}.
 */
@RestController
class BrowserDataController {

  private final DatasetService datasets;

  BrowserDataController(DatasetService datasets) {
    this.datasets = datasets;
  }

  /** The current version as CSV, GeoJSON (located data only) or Parquet, as an attachment. */
  @GetMapping("/datasets/{name}/download")
  ResponseEntity<StreamingResponseBody> download(@PathVariable String name, @RequestParam(defaultValue = "csv") String format) {
    return DatasetApiController.attachment(datasets.prepareDownload(Viewer.current(), name, null, DatasetApiController.exportFormat(format)));
  }

  /** Some fields of the first rows of the current version, for the map: {@code {total, rows: [{field: value}]}}. */
  @GetMapping("/datasets/{name}/rows")
  Map<String, Object> rows(@PathVariable String name, @RequestParam List<String> fields,
      @RequestParam(defaultValue = "" + MapPreview.MAX_POINTS) int limit) {
    if (limit < 0 || limit > MapPreview.MAX_POINTS) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "limit must be 0 to " + MapPreview.MAX_POINTS + ".", Map.of("field", "limit"));
    }
    TablePage page = datasets.readRows(Viewer.current(), name, null, new ReadRequest(null, null, Map.of(), fields, null, null, limit, 0));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", page.total());
    body.put("rows", page.rows());
    return body;
  }
}
