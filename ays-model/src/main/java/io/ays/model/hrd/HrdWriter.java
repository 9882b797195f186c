package io.ays.model.hrd;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes an {@link Hrd} in the original's form: keys sorted, {@code %-30s = %s}, dicts and lists as
 * indented multi-line blocks, multi-line text as a text block, and strings always quoted (so that
 * {@code '123'} or {@code 'a:b'} stays a string), so that the output parses back to equal data.
 * Values are written as stored (references are not substituted); comments are not kept.
 */
public final class HrdWriter {

  private static final Pattern PLAIN =
      Pattern.compile("[A-Za-z0-9_./$()+-][A-Za-z0-9_./@$()+\\- ]*");
  private static final String INDENT = "    ";

  /**
   * The text of {@code hrd}.
   *
   * @throws IllegalArgumentException naming the key of a value HRD cannot express (a text with both
   *     kinds of quote, a nested dict, a multi-line text with blank or indented lines)
   */
  public String write(Hrd hrd) {
    StringBuilder out = new StringBuilder();
    for (HrdEntry entry : hrd.entries()) {
      String key = entry.key();
      if (!HrdParser.isKey(key)) {
        throw new IllegalArgumentException("cannot write key '" + key + "': not a valid HRD key");
      }
      try {
        out.append(line(key, entry.value()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("cannot write key '" + key + "': " + e.getMessage(), e);
      }
    }
    return out.toString();
  }

  private static String line(String key, Object value) {
    StringBuilder out = new StringBuilder();
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      out.append(String.format("%-30s =%n", key));
      map.forEach(
          (k, v) ->
              out.append(INDENT)
                  .append(dictKey(String.valueOf(k)))
                  .append(':')
                  .append(element(v))
                  .append(",\n"));
      return out.append('\n').toString();
    }
    if (value instanceof List<?> list && !list.isEmpty()) {
      out.append(String.format("%-30s =%n", key));
      list.forEach(v -> out.append(INDENT).append(element(v)).append(",\n"));
      return out.append('\n').toString();
    }
    if (value instanceof String text && text.contains("\n")) {
      out.append(String.format("%-30s =%n", key));
      for (String textLine : TextBlock.lines(text)) {
        out.append(INDENT).append(textLine).append('\n');
      }
      return out.append('\n').toString();
    }
    return String.format("%-30s = %s%n", key, scalar(value));
  }

  /** A top-level one-line value. */
  private static String scalar(Object value) {
    if (AskParameter.isQuestion(value)) {
      return ((String) value).strip(); // a question is written as it was read
    }
    if (value instanceof Map<?, ?>) {
      return ":"; // an empty dict, as the original wrote it
    }
    if (value instanceof List<?>) {
      return "[]";
    }
    if (value instanceof String text && text.contains("'") && text.contains("\"")) {
      // No quote can hold both quotes, but a top-level text the parser took bare (key = it's "x")
      // is read back as written when it is written bare.
      if (readsBackBare(text)) {
        return text;
      }
    }
    return element(value);
  }

  /** Whether the line {@code k = text} reads back as that very text. */
  private static boolean readsBackBare(String text) {
    try {
      return text.equals(new HrdParser().parse("k = " + text + "\n", "(bare check)").raw("k"));
    } catch (HrdParseException e) {
      return false;
    }
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
      if (d.isNaN() || d.isInfinite()) {
        throw new IllegalArgumentException(d + " has no HRD form");
      }
      return String.valueOf(d);
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ",").append(element(list.get(i)));
      }
      return out.append(']').toString();
    }
    if (value instanceof Map<?, ?>) {
      throw new IllegalArgumentException("a dict inside a list or dict has no HRD form");
    }
    String text = String.valueOf(value);
    if (text.contains("\n") || text.contains("\r")) {
      throw new IllegalArgumentException("a multi-line text inside a list or dict has no HRD form");
    }
    return quote(text); // strings always quoted, as the original wrote them
  }

  /** A dict key: bare when it reads back the same, else quoted. */
  private static String dictKey(String key) {
    if (!key.isEmpty() && PLAIN.matcher(key).matches() && key.equals(key.strip())) {
      return key;
    }
    if (key.contains("\n") || key.contains("\r")) {
      throw new IllegalArgumentException("a dict key cannot span lines");
    }
    return quote(key);
  }

  private static String quote(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    if (!text.contains("\"")) {
      return "\"" + text + "\"";
    }
    throw new IllegalArgumentException(
        "a text holding both ' and \" has no HRD form (HRD has no escapes): " + text);
  }
}
