package io.ays.model.template;

import io.ays.model.hrd.Hrd;
import io.ays.model.hrd.HrdConversions;
import io.ays.model.hrd.ShellText;
import io.ays.model.hrd.Substitution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code process.N} entries of a recipe (or of a resolved configuration). */
final class ProcessReader {

  private static final Set<String> KNOWN =
      Set.of(
          "cmd",
          "args",
          "cwd",
          "env",
          "prio",
          "priority",
          "timeout_start",
          "timeout_stop",
          "ports",
          "filterstr",
          "processfilterstr",
          "startupmanager",
          "name",
          "user");

  private ProcessReader() {}

  /**
   * The processes in start order (prio, then N).
   *
   * @param prefix the prefix of the recipe's keys: empty in a recipe, {@code service.} in a
   *     resolved configuration
   * @param defaultName the name of a process without one, or null
   */
  static List<ProcessSpec> read(Hrd hrd, String prefix, String defaultName, Findings findings) {
    List<ProcessSpec> processes = new ArrayList<>();
    Map<String, Map<String, Object>> entries =
        NumberedEntries.read(hrd, prefix + "process.", null, findings);
    for (Map.Entry<String, Map<String, Object>> entry : entries.entrySet()) {
      String number = entry.getKey().substring((prefix + "process.").length());
      Fields fields = new Fields(hrd, entry.getKey(), entry.getValue(), findings);
      ProcessSpec process =
          process(fields, envOverride(hrd, prefix + "env.process." + number), defaultName);
      if (process != null) {
        processes.add(process);
      }
    }
    processes.sort(Comparator.comparingInt(ProcessSpec::prio));
    return processes;
  }

  private static ProcessSpec process(Fields f, Map<String, Object> envOverride, String name) {
    String cmd = f.text("cmd");
    List<Integer> ports = ports(f);
    String filterstr = f.text("filterstr", "processfilterstr");
    String portsText = f.text("ports");
    boolean portsLater = portsText != null && !Substitution.references(portsText).isEmpty();
    Map<String, Object> extra = f.extra(KNOWN);
    boolean container = ContainerSpec.declared(extra);
    if (container) {
      try {
        ContainerSpec.of(extra);
      } catch (IllegalArgumentException e) {
        f.error(e.getMessage());
        return null;
      }
    }
    if (cmd == null && !container && ports.isEmpty() && !portsLater && filterstr == null) {
      if (f
          .extra(Set.of("startupmanager", "prio", "timeout_start", "timeout_stop"))
          .values()
          .stream()
          .allMatch(v -> v == null || HrdConversions.toText(v).isBlank())) {
        // An empty declaration (mariadb_client: "process.1 =" then "cmd:"): nothing to run.
        f.warning("no cmd, ports or filterstr: nothing to start or watch; ignored");
      } else {
        f.error(
            "cmd is required (a process the operating system starts needs ports or filterstr"
                + " so that AYS can watch it)");
      }
      return null;
    }
    shellText(f);
    Map<String, String> env = new LinkedHashMap<>();
    env(f.raw("env"), f, env);
    if (envOverride != null) {
      env.clear();
      envOverride.forEach((k, v) -> env.put(k, HrdConversions.toText(v)));
    }
    return new ProcessSpec(
        f.key(),
        cmd,
        f.text("args"),
        f.text("cwd"),
        env,
        (int) f.number("prio", f.text("prio", "priority"), ProcessSpec.DEFAULT_PRIO),
        seconds(f, "timeout_start", ProcessSpec.DEFAULT_TIMEOUT_START),
        seconds(f, "timeout_stop", ProcessSpec.DEFAULT_TIMEOUT_STOP),
        ports,
        filterstr,
        f.text("startupmanager"),
        f.text("name") != null ? f.text("name") : name,
        f.text("user"),
        extra);
  }

  /**
   * The command line's references must be quotable ({@link ShellText}): none in a backquote, and,
   * when there are any, cmd and args each close the quotes they open (they are quoted one by one).
   */
  private static void shellText(Fields f) {
    List<String> fields = List.of("cmd", "args");
    boolean references =
        fields.stream()
            .map(f::text)
            .anyMatch(t -> t != null && !Substitution.references(t).isEmpty());
    if (!references) {
      return;
    }
    for (String field : fields) {
      String text = f.text(field);
      if (text == null) {
        continue;
      }
      ShellText.unquotable(text).ifPresent(problem -> f.error(field + ": " + problem));
      if (ShellText.unquotable(text).isEmpty() && !ShellText.balanced(text)) {
        f.error(field + ": a quote, $(...) or backquote opened in it is not closed in it");
      }
    }
  }

  private static Duration seconds(Fields f, String field, Duration fallback) {
    return Duration.ofSeconds(f.number(field, f.text(field), fallback.toSeconds()));
  }

  /** {@code ports:'27017;28017'}; also {@code '[9200]'}, {@code '[]'} and a list. */
  private static List<Integer> ports(Fields f) {
    Object value = f.raw("ports");
    List<Integer> ports = new ArrayList<>();
    if (value == null) {
      return ports;
    }
    List<String> items = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(item -> items.add(HrdConversions.toText(item)));
    } else {
      String written = HrdConversions.toText(value).strip();
      if (written.startsWith("[") && written.endsWith("]")) {
        // ports:'[9200]' in several real templates: a list written inside quotes
        written = written.substring(1, written.length() - 1).replace(',', ';');
      }
      items.addAll(List.of(written.split(";")));
    }
    for (String item : items) {
      String text = item.strip();
      if (text.isEmpty() || !Substitution.references(text).isEmpty()) {
        continue; // a reference is a port too, but only known once the instance is resolved
      }
      long port = f.number("ports", text, -1);
      if (port < 0 || port > 65535) {
        if (port > 65535) {
          f.error("ports: " + port + " is not a TCP port");
        }
        continue;
      }
      ports.add((int) port);
    }
    return ports;
  }

  private static void env(Object value, Fields f, Map<String, String> env) {
    Map<String, Object> dict = HrdConversions.toDict(value);
    if (dict == null) {
      f.error("env: expected a dict (NAME:value, ...), found '" + value + "'");
      return;
    }
    dict.forEach((k, v) -> env.put(k, HrdConversions.toText(v)));
  }

  private static Map<String, Object> envOverride(Hrd hrd, String key) {
    if (!hrd.has(key)) {
      return null;
    }
    Map<String, Object> dict = HrdConversions.toDict(hrd.raw(key));
    return dict == null || dict.isEmpty() ? null : dict;
  }
}
