package org.madang.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * A job.json: the analysis with every parameter resolved to a value, its inputs and where its output goes. Written by
 * the engine ({@code AnalysisRunner.prepareSpark}) or by hand for data on shared storage; the format is in
 * docs/SCALING.md. The job never interprets user parameters beyond this file: the engine validated them.
 */
final class JobFile {

  static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode root;

  private JobFile(JsonNode root) {
    this.root = root;
  }

  static JobFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw JobFailure.invalid("There is no job file at " + file + ".", "job");
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw JobFailure.invalid("The job file " + file + " is not valid JSON: " + InputTable.firstLine(e.getMessage()), "job");
    }
    if (root == null || !root.isObject()) {
      throw JobFailure.invalid("The job file must hold a JSON object.", "job");
    }
    if (root.path("format").asInt(FORMAT) != FORMAT) {
      throw JobFailure.invalid("This job runner reads job files of format " + FORMAT + ", not " + root.path("format") + ".", "format");
    }
    JobFile job = new JobFile(root);
    job.kind();
    job.output();
    return job;
  }

  String kind() {
    String kind = text(root, "kind", "kind");
    if (!java.util.Set.of("aggregate", "hotspot", "kde", "dbscan").contains(kind)) {
      throw JobFailure.invalid("The job runner runs aggregate, hotspot, kde and dbscan, not '" + kind + "'.", "kind");
    }
    return kind;
  }

  String output() {
    return text(root, "output", "output");
  }

  JsonNode parameters() {
    return root.path("parameters");
  }

  String parameter(String key) {
    return text(parameters(), key, "parameters." + key);
  }

  int integerParameter(String key) {
    JsonNode n = parameters().get(key);
    if (n == null || !n.canConvertToInt()) {
      throw JobFailure.invalid("parameters." + key + " must be a whole number.", "parameters." + key);
    }
    return n.asInt();
  }

  boolean flag(String key) {
    return parameters().path(key).asBoolean(false);
  }

  JsonNode input(String name) {
    JsonNode n = root.path("inputs").get(name);
    if (n == null || !n.isObject()) {
      throw JobFailure.invalid("The job names no input '" + name + "'.", "inputs." + name);
    }
    return n;
  }

  /** The names of the job's inputs ({@code input}, {@code flows}). */
  java.util.Set<String> inputNames() {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    root.path("inputs").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The districts' codes, names and WKB (hex) boundaries, for jobs that locate coordinates in districts. */
  JsonNode districts() {
    return root.path("districts");
  }

  /** Test-only switches ({@code fail_first_attempt}, {@code task_delay_ms}); absent in real jobs. */
  JsonNode testHooks() {
    return root.path("test");
  }

  static String text(JsonNode parent, String key, String field) {
    JsonNode n = parent.get(key);
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw JobFailure.invalid("The job file needs " + field + " as text.", field);
    }
    return n.asText();
  }

  /** The input's column mapping, standard name → the input's own column. */
  static String mapped(JsonNode input, String standard) {
    JsonNode columns = input.path("columns");
    if (columns.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = columns.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals(standard) && e.getValue().isTextual()) {
          return e.getValue().asText();
        }
      }
    }
    return standard;
  }
}
