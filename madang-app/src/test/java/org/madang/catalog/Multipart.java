package org.madang.catalog;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Builds multipart/form-data uploads the way a browser or curl sends them. */
final class Multipart {

  private final String boundary = "----madang" + UUID.randomUUID();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private final Map<String, String> fields = new LinkedHashMap<>();

  static Multipart form() {
    return new Multipart();
  }

  Multipart field(String name, String value) {
    fields.put(name, value);
    write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
    return this;
  }

  Multipart file(String fileName, byte[] content) {
    write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    body.writeBytes(content);
    write("\r\n");
    return this;
  }

  HttpRequest.Builder post(String url) {
    write("--" + boundary + "--\r\n");
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
  }

  private void write(String s) {
    body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
