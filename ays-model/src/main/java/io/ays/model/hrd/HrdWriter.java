package io.ays.model.hrd;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes an {@link Hrd} in the original's form: keys sorted, {@code %-30s = %s}, dicts and lists as
 * indented multi-line blocks, and strings quoted whenever they would otherwise read back as another
 * type, so that the output parses back to equal data.
 */
public final class HrdWriter {

  private static final Pattern PLAIN =
      Pattern.compile("[A-Za-z0-9_./@$()+-][A-Za-z0-9_./@$()+\\- ]*");
  private static final String INDENT = "    ";

  public String write(Hrd hrd) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Object> entry : new TreeMap<>(hrd.rawValues()).entrySet()) {
      Object value = entry.getValue();
      if (value instanceof Map<?, ?> map && !map.isEmpty()) {
        out.append(String.format("%-30s =%n", entry.getKey()));
        map.forEach(
            (k, v) ->
                out.append(INDENT)
                    .append(element(String.valueOf(k)))
                    .append(':')
                    .append(element(v))
                    .append(",\n"));
        out.append('\n');
      } else if (value instanceof List<?> list && !list.isEmpty()) {
        out.append(String.format("%-30s =%n", entry.getKey()));
        list.forEach(v -> out.append(INDENT).append(element(v)).append(",\n"));
        out.append('\n');
      } else {
        out.append(String.format("%-30s = %s%n", entry.getKey(), scalar(value)));
      }
    }
    return out.toString();
  }

  /** A top-level one-line value. */
  private static String scalar(Object value) {
    if (value instanceof String text && text.startsWith("@ASK")) {
      return text;
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return "[]"; // empty list or dict
    }
    return element(value);
  }

  /** A value inside a dict or list, or a scalar: quoted unless it reads back the same bare. */
  private static String element(Object value) {
    if (value == null) {
      return "none";
    }
    if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
      return String.valueOf(value);
    }
    if (value instanceof Double d) {
      String text = String.valueOf(d);
      return HrdValues.scalar(text) instanceof Double ? text : "'" + text + "'";
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ",").append(element(list.get(i)));
      }
      return out.append(']').toString();
    }
    String text = String.valueOf(value);
    if (!text.isEmpty()
        && PLAIN.matcher(text).matches()
        && text.equals(text.strip())
        && text.equals(HrdValues.scalar(text))) {
      return text;
    }
    return quote(text);
  }

  private static String quote(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    if (!text.contains("\"")) {
      return "\"" + text + "\"";
    }
    throw new IllegalArgumentException(
        "cannot write a value holding both ' and \" in HRD: " + text);
  }
}
