package org.madang.engine.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a derived dataset version came from: the analysis, its parameters and the exact versions it read. Kept with the
 * version's table in the warehouse (see {@link org.madang.engine.DataEngine#findLineage}) and in the app's records.
 *
 * @param parameters the parameter JSON as given
 * @param inputs the dataset versions read, in the order the parameters name them
 */
public record AnalysisLineage(AnalysisKind kind, JsonNode parameters, List<Input> inputs, String engine, String master) {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern VERSION = Pattern.compile("__v(\\d+)\"?$");

  public AnalysisLineage {
    parameters = parameters.deepCopy();
    inputs = List.copyOf(inputs);
  }

  /** The lineage of an embedded run (no engine recorded: embedded is the default). */
  public AnalysisLineage(AnalysisKind kind, JsonNode parameters, List<Input> inputs) {
    this(kind, parameters, inputs, null, null);
  }

  /** The same lineage, run by another engine ({@code spark}) on {@code master} (or null when unknown). */
  AnalysisLineage onEngine(String engineName, String masterUrl) {
    return new AnalysisLineage(kind, parameters, inputs, engineName, masterUrl);
  }

  /** One version read: the dataset's name, its version number and the table that holds it. */
  public record Input(String dataset, int version, String table) {

    static Input of(String dataset, String table) {
      Matcher m = VERSION.matcher(table);
      return new Input(dataset, m.find() ? Integer.parseInt(m.group(1)) : 0, table);
    }
  }

  @Override
  public JsonNode parameters() {
    return parameters.deepCopy();
  }

  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("analysis", kind.code());
    o.set("parameters", parameters.deepCopy());
    if (engine != null) {
      o.put("engine", engine);
      if (master != null) {
        o.put("master", master);
      }
    }
    ArrayNode a = o.putArray("inputs");
    for (Input i : inputs) {
      a.addObject().put("dataset", i.dataset()).put("version", i.version()).put("table", i.table());
    }
    return JSON.writeValueAsString(o);
  }

  public static AnalysisLineage fromJson(String json) {
    JsonNode o = JSON.readTree(json);
    List<Input> inputs = new ArrayList<>();
    for (JsonNode i : o.path("inputs")) {
      inputs.add(new Input(i.path("dataset").asString(), i.path("version").asInt(), i.path("table").asString()));
    }
    return new AnalysisLineage(AnalysisKind.fromCode(o.path("analysis").asString()), o.path("parameters"), inputs,
        o.hasNonNull("engine") ? o.get("engine").asString() : null, o.hasNonNull("master") ? o.get("master").asString() : null);
  }
}
