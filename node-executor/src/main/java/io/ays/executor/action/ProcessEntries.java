package io.ays.executor.action;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the {@code service.process.N} entries of a resolved configuration. Values arrive as the HRD
 * parser typed them (quoted numbers are strings), so numbers are accepted in either form.
 */
public final class ProcessEntries {

  static final String PREFIX = "service.process.";
  static final Duration DEFAULT_TIMEOUT_START = Duration.ofSeconds(10);
  static final Duration DEFAULT_TIMEOUT_STOP = Duration.ofSeconds(10);
  static final int DEFAULT_PRIO = 10;
  private static final Pattern ENTRY = Pattern.compile("service\\.process\\.(\\d+)");

  private ProcessEntries() {}

  /** The process entries in start order (prio, then N). */
  public static List<ProcessEntry> of(Map<String, Object> config) {
    List<ProcessEntry> entries = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    for (Map.Entry<String, Object> e : config.entrySet()) {
      var matcher = ENTRY.matcher(e.getKey());
      if (matcher.matches() && e.getValue() instanceof Map<?, ?> dict) {
        entries.add(entry("process." + matcher.group(1), dict));
        numbers.add(Integer.parseInt(matcher.group(1)));
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparingInt((Integer i) -> entries.get(i).prio()).thenComparing(numbers::get));
    return order.stream().map(entries::get).toList();
  }

  private static ProcessEntry entry(String name, Map<?, ?> dict) {
    String cmd = text(dict.get("cmd"));
    if (cmd == null || cmd.isBlank()) {
      throw new IllegalArgumentException("service." + name + ": cmd is missing");
    }
    return new ProcessEntry(
        name,
        cmd,
        text(dict.get("args")),
        blankToNull(text(dict.get("cwd"))),
        env(dict.get("env")),
        (int) number(dict.get("prio"), DEFAULT_PRIO, name + ".prio"),
        seconds(dict.get("timeout_start"), DEFAULT_TIMEOUT_START, name + ".timeout_start"),
        seconds(dict.get("timeout_stop"), DEFAULT_TIMEOUT_STOP, name + ".timeout_stop"),
        ports(dict.get("ports"), name),
        blankToNull(text(dict.get("filterstr"))));
  }

  private static List<Integer> ports(Object value, String name) {
    List<Integer> ports = new ArrayList<>();
    if (value == null) {
      return ports;
    }
    Iterable<?> items =
        value instanceof List<?> list ? list : List.of(String.valueOf(value).split(";"));
    for (Object item : items) {
      String port = String.valueOf(item).trim();
      if (!port.isEmpty()) {
        ports.add((int) number(port, 0, name + ".ports"));
      }
    }
    return ports;
  }

  private static Map<String, String> env(Object value) {
    Map<String, String> env = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> dict) {
      dict.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    }
    return env;
  }

  private static Duration seconds(Object value, Duration fallback, String field) {
    return value == null || String.valueOf(value).isBlank()
        ? fallback
        : Duration.ofSeconds(number(value, 0, field));
  }

  private static long number(Object value, long fallback, String field) {
    if (value == null || String.valueOf(value).isBlank()) {
      return fallback;
    }
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.parseLong(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("service." + field + ": '" + value + "' is not a number");
    }
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
