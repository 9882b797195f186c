package io.ays.executor.action;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finishes a resolved configuration on the node: adds the node's {@code system.*} keys (its id and
 * folders) and substitutes the {@code $(key)} references the coordinator could not resolve (those
 * naming system keys). Unknown keys are left as written, as in the original.
 */
public final class ConfigRenderer {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z0-9_.-]+)\\)");
  private static final int MAX_DEPTH = 10;

  private ConfigRenderer() {}

  /** The node's own keys for an instance. */
  public static Map<String, Object> systemKeys(
      String nodeId, Path dataDir, Path instanceDir, Path logDir) {
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("system.node.id", nodeId);
    keys.put("system.paths.base", dataDir.toString());
    keys.put("system.paths.var", dataDir.resolve("var").toString());
    keys.put("system.paths.instance", instanceDir.toString());
    keys.put("system.paths.log", logDir.toString());
    return keys;
  }

  /** {@code config} plus {@code system}, with references substituted in every string value. */
  public static Map<String, Object> render(Map<String, Object> config, Map<String, Object> system) {
    Map<String, Object> all = new LinkedHashMap<>(config);
    all.putAll(system);
    Map<String, Object> rendered = new LinkedHashMap<>();
    all.forEach((key, value) -> rendered.put(key, renderValue(value, all)));
    return rendered;
  }

  private static Object renderValue(Object value, Map<String, Object> keys) {
    if (value instanceof String text) {
      return substitute(text, keys);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), renderValue(v, keys)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(renderValue(v, keys)));
      return out;
    }
    return value;
  }

  /** Substitutes references in {@code text}, following chains up to a fixed depth. */
  public static String substitute(String text, Map<String, Object> keys) {
    String current = text;
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      Matcher matcher = REFERENCE.matcher(current);
      StringBuilder out = new StringBuilder();
      boolean changed = false;
      while (matcher.find()) {
        Object value = keys.get(matcher.group(1).toLowerCase(java.util.Locale.ROOT));
        String replacement =
            value == null || value instanceof Map || value instanceof List
                ? matcher.group()
                : String.valueOf(value);
        changed |= value != null && !(value instanceof Map) && !(value instanceof List);
        matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
      }
      matcher.appendTail(out);
      if (!changed) {
        return out.toString();
      }
      current = out.toString();
    }
    return current;
  }
}
