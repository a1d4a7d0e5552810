package org.madang.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options with defaults; an unknown option is an error, not a silent default. */
final class Options {

  private final Map<String, String> values = new HashMap<>();

  Options(String[] args, Map<String, String> defaults) {
    values.putAll(defaults);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got " + a + "; options: " + defaults.keySet());
      }
      String name = a.substring(2);
      if (!defaults.containsKey(name)) {
        throw new IllegalArgumentException("unknown option --" + name + "; options: " + defaults.keySet());
      }
      values.put(name, args[++i]);
    }
  }

  String text(String name) {
    return values.get(name);
  }

  int integer(String name) {
    return Integer.parseInt(values.get(name).replace("_", ""));
  }

  long longValue(String name) {
    return Long.parseLong(values.get(name).replace("_", ""));
  }

  double number(String name) {
    return Double.parseDouble(values.get(name));
  }

  boolean has(String listName, String item) {
    for (String s : values.get(listName).split(",")) {
      if (s.strip().equals(item)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return new java.util.TreeMap<>(values).toString();
  }
}
