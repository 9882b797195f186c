package io.ays.model.template;

import io.ays.model.hrd.Hrd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the numbered entries of a recipe ({@code process.N}, {@code dependencies.N}, {@code
 * git.export.N}) into typed views. Problems (a missing required field, a bad number) are added to a
 * list as {@code source:line: key: message}, so that validation reports all of them.
 */
final class RecipeViews {

  private RecipeViews() {}

  static List<ProcessSpec> processes(Hrd recipe, String prefix, List<String> problems) {
    List<ProcessSpec> processes = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> e : numbered(recipe, prefix).entrySet()) {
      Where where = new Where(recipe, e.getKey(), problems);
      Map<String, Object> d = e.getValue();
      // An empty cmd occurs in real templates (mariadb_client, mariadb_extra): the process is
      // started by the OS (startupmanager upstart) and AYS only watches it by port/filterstr.
      String cmd = blankToNull(text(d.get("cmd")));
      processes.add(
          new ProcessSpec(
              e.getKey(),
              cmd,
              blankToNull(text(d.get("args"))),
              blankToNull(text(d.get("cwd"))),
              env(d.get("env")),
              (int) number(d.get("prio"), ProcessSpec.DEFAULT_PRIO, "prio", where),
              Duration.ofSeconds(
                  number(
                      d.get("timeout_start"),
                      ProcessSpec.DEFAULT_TIMEOUT_START.toSeconds(),
                      "timeout_start",
                      where)),
              Duration.ofSeconds(
                  number(
                      d.get("timeout_stop"),
                      ProcessSpec.DEFAULT_TIMEOUT_STOP.toSeconds(),
                      "timeout_stop",
                      where)),
              ports(d.get("ports"), where),
              blankToNull(text(d.get("filterstr"))),
              blankToNull(text(d.get("startupmanager"))),
              blankToNull(text(d.get("name"))),
              blankToNull(text(d.get("user")))));
    }
    processes.sort(Comparator.comparingInt(ProcessSpec::prio));
    return processes;
  }

  static List<DependencySpec> dependencies(
      Hrd recipe, String defaultDomain, List<String> problems) {
    List<DependencySpec> dependencies = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> e : numbered(recipe, "dependencies.").entrySet()) {
      Where where = new Where(recipe, e.getKey(), problems);
      Map<String, Object> d = e.getValue();
      String name = blankToNull(text(d.get("name")));
      if (name == null) {
        where.problem("name is required");
        continue;
      }
      String argsKey = blankToNull(text(d.get("args")));
      Map<String, Object> args = new LinkedHashMap<>();
      if (argsKey != null) {
        Object value = recipe.raw(argsKey);
        if (value instanceof String text && text.contains(":")) {
          // A one-line block ("key =" then "  k:v" without a trailing comma) is text by the
          // block rule; where a dict is expected, read it as one (pydio's postgresql.args).
          value = io.ays.model.hrd.HrdValues.parse(text);
        }
        if (value instanceof Map<?, ?> map) {
          map.forEach((k, v) -> args.put(String.valueOf(k), v));
        } else if (value == null) {
          where.problem("args names '" + argsKey + "', which is not a key of this file");
        } else if (!(value instanceof String s && s.isEmpty())) {
          where.problem("args names '" + argsKey + "', whose value is not a dict");
        }
      }
      dependencies.add(
          new DependencySpec(
              e.getKey(),
              orDefault(text(d.get("domain")), defaultDomain),
              name,
              orDefault(text(d.get("instance")), "main"),
              argsKey,
              args));
    }
    return dependencies;
  }

  static List<GitExport> gitExports(Hrd recipe, List<String> problems) {
    List<GitExport> exports = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> e : numbered(recipe, "git.export.").entrySet()) {
      Where where = new Where(recipe, e.getKey(), problems);
      Map<String, Object> d = e.getValue();
      String url = blankToNull(text(d.get("url")));
      String dest = blankToNull(text(d.get("dest")));
      if (url == null) {
        where.problem("url is required");
      }
      if (dest == null) {
        where.problem("dest is required");
      }
      if (url == null || dest == null) {
        continue;
      }
      Object depth = d.get("depth");
      exports.add(
          new GitExport(
              e.getKey(),
              url,
              blankToNull(text(d.get("source"))),
              dest,
              truthy(d.get("link")),
              blankToNull(text(d.get("platform"))),
              blankToNull(text(d.get("branch"))),
              blankToNull(text(d.get("revision"))),
              blankToNull(text(d.get("tag"))),
              depth == null || String.valueOf(depth).isBlank()
                  ? null
                  : (int) number(depth, 0, "depth", where)));
    }
    return exports;
  }

  /** The entries {@code prefix}N whose value is a dict, ordered by N. */
  private static Map<String, Map<String, Object>> numbered(Hrd recipe, String prefix) {
    Pattern entry = Pattern.compile(Pattern.quote(prefix) + "(\\d+)");
    Map<Integer, String> keys = new java.util.TreeMap<>();
    for (String key : recipe.keysWithPrefix(prefix)) {
      var matcher = entry.matcher(key);
      if (matcher.matches()) {
        keys.put(Integer.parseInt(matcher.group(1)), key);
      }
    }
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (String key : keys.values()) {
      Object value = recipe.raw(key);
      Map<String, Object> dict = new LinkedHashMap<>();
      if (value instanceof Map<?, ?> map) {
        map.forEach((k, v) -> dict.put(String.valueOf(k).toLowerCase(java.util.Locale.ROOT), v));
      }
      out.put(key, dict);
    }
    return out;
  }

  private static List<Integer> ports(Object value, Where where) {
    List<Integer> ports = new ArrayList<>();
    if (value == null) {
      return ports;
    }
    String written = String.valueOf(value).strip();
    if (written.startsWith("[") && written.endsWith("]")) {
      // ports:'[9200]' in several real templates: a list written inside quotes
      written = written.substring(1, written.length() - 1).replace(',', ';');
    }
    List<?> items = value instanceof List<?> list ? list : List.of(written.split(";"));
    for (Object item : items) {
      String text = String.valueOf(item).strip();
      if (text.isEmpty() || text.contains("$(")) {
        continue; // a reference is a port too, but only known once the instance is resolved
      }
      long port = number(text, -1, "ports", where);
      if (port >= 0) {
        ports.add((int) port);
      }
    }
    return ports;
  }

  private static Map<String, String> env(Object value) {
    Map<String, String> env = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    }
    return env;
  }

  private static long number(Object value, long fallback, String field, Where where) {
    if (value == null || String.valueOf(value).isBlank()) {
      return fallback;
    }
    if (value instanceof Number n) {
      return n.longValue();
    }
    String text = String.valueOf(value).strip();
    if (text.contains("$(")) {
      return fallback; // resolved per instance
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      where.problem(field + ": '" + text + "' is not a whole number");
      return fallback;
    }
  }

  private static boolean truthy(Object value) {
    return value instanceof Boolean b
        ? b
        : value != null
            && List.of("true", "yes", "1")
                .contains(String.valueOf(value).strip().toLowerCase(java.util.Locale.ROOT));
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  /** Where a problem is: the file, line and key. */
  private record Where(Hrd recipe, String key, List<String> problems) {
    void problem(String message) {
      problems.add(recipe.source() + ":" + recipe.line(key) + ": " + key + ": " + message);
    }
  }
}
