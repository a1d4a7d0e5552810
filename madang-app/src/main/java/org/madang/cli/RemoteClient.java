package org.madang.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.analysis.AnalysisKind;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a running Madang server for {@code --server}; errors come back as the server's one-sentence detail. */
final class RemoteClient {

  private static final int ROWS_PER_PAGE = 32_000;
  private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() {};

  private final String base;
  private final String authorization;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  RemoteClient(RemoteOptions options) {
    this.base = options.server.endsWith("/") ? options.server.substring(0, options.server.length() - 1) : options.server;
    String token = options.token != null ? options.token : System.getenv("MADANG_TOKEN");
    if (token != null && !token.isBlank()) {
      authorization = "Bearer " + token.strip();
    } else {
      String user = options.user == null ? "admin" : options.user;
      String password = options.password != null ? options.password : System.getenv("MADANG_PASSWORD");
      if (password == null) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "Give --token, --password, MADANG_TOKEN or MADANG_PASSWORD to sign in to " + base + ".");
      }
      authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
  }

  String ingest(String dataset, Path file, Map<String, String> fields) throws IOException, InterruptedException {
    String enc = URLEncoder.encode(dataset, StandardCharsets.UTF_8);
    HttpResponse<String> exists = send(HttpRequest.newBuilder(URI.create(base + "/api/datasets/" + enc)).GET());
    String path;
    if (exists.statusCode() == 200) {
      path = "/api/datasets/" + enc + "/versions";
    } else {
      path = "/api/datasets";
      fields.put("name", dataset);
    }
    String boundary = "madang-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> f : fields.entrySet()) {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n" + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName() + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    Files.copy(file, body);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return check(send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))));
  }

  String query(String sql, String format, int maxRows) throws IOException, InterruptedException {
    String json = JsonMapper.shared().writeValueAsString(Map.of("sql", sql, "format", format, "max_rows", maxRows));
    return check(send(HttpRequest.newBuilder(URI.create(base + "/api/admin/query"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))));
  }

  /**
   * Runs an analysis as a job on the server ({@code POST /api/analyses/{kind}}), waits for it, and reads its summary
   * and the rows of its result dataset, which stays in the server's catalog like any analysis result.
   */
  DatasetAnalysis.Outcome analyse(AnalysisKind kind, JsonNode parameters) {
    try {
      JsonNode job = JsonMapper.shared().readTree(check(send(HttpRequest.newBuilder(URI.create(base + "/api/analyses/" + kind.code()))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.shared().writeValueAsString(parameters))))));
      String href = base + job.path("href").asString();
      while (!job.path("status").asString().matches("succeeded|failed|cancelled")) {
        Thread.sleep(200);
        job = JsonMapper.shared().readTree(check(send(HttpRequest.newBuilder(URI.create(href)).GET())));
      }
      if (!job.path("status").asString().equals("succeeded")) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, job.path("error").isString() ? job.path("error").asString()
            : "The analysis was " + job.path("status").asString() + " on the server.");
      }
      String dataset = URLEncoder.encode(job.path("output").path("dataset").asString(), StandardCharsets.UTF_8);
      List<Map<String, Object>> rows = new ArrayList<>();
      long total;
      do {
        JsonNode page = JsonMapper.shared().readTree(check(send(HttpRequest.newBuilder(
            URI.create(base + "/api/datasets/" + dataset + "/rows?limit=" + ROWS_PER_PAGE + "&offset=" + rows.size())).GET())));
        total = page.path("total").asLong();
        for (JsonNode row : page.path("rows")) {
          rows.add(JsonMapper.shared().convertValue(row, ROW));
        }
        if (page.path("rows").isEmpty()) {
          break;
        }
      } while (rows.size() < total);
      return new DatasetAnalysis.Outcome(JsonMapper.shared().convertValue(job.path("summary"), ROW), rows);
    } catch (IOException e) {
      throw new MadangException(ErrorCode.EXTERNAL, "The server at " + base + " stopped answering: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MadangException(ErrorCode.EXTERNAL, "Interrupted while waiting for the analysis on " + base + ".");
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    try {
      return http.send(request.header("Authorization", authorization).timeout(Duration.ofMinutes(30)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException e) {
      throw new MadangException(ErrorCode.EXTERNAL, "No Madang server answers at " + base + ".");
    }
  }

  private static String check(HttpResponse<String> response) {
    if (response.statusCode() / 100 == 2) {
      return response.body();
    }
    String detail = "The server answered " + response.statusCode() + ".";
    try {
      JsonNode problem = JsonMapper.shared().readTree(response.body());
      if (problem.hasNonNull("detail")) {
        detail = problem.get("detail").asString();
      }
    } catch (RuntimeException ignored) {
      // not problem+json: keep the status sentence
    }
    throw new MadangException(response.statusCode() == 401 || response.statusCode() == 403 ? ErrorCode.ACCESS_DENIED : ErrorCode.INVALID_ARGUMENT, detail);
  }
}
