package io.ays.model.hrd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts typed HRD values for the typed readers of {@link Hrd}. Values written in quotes are
 * strings ({@code timeout_start:'60'}), so every number reader also accepts a string of digits, as
 * the original's {@code getInt} did.
 */
public final class HrdConversions {

  private HrdConversions() {}

  /** A whole number, from a number or its text; null if {@code value} is not one. */
  public static Long toLong(Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return d.longValue();
    }
    if (value instanceof String text) {
      Object typed = HrdValues.scalar(text.strip());
      if (typed instanceof Long l) {
        return l;
      }
    }
    return null;
  }

  /** A number, from a number or its text; null if {@code value} is not one. */
  public static Double toDouble(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String text) {
      Object typed = HrdValues.scalar(text.strip());
      if (typed instanceof Number n) {
        return n.doubleValue();
      }
    }
    return null;
  }

  /**
   * A boolean: {@code true}/{@code false}, {@code yes}/{@code no}, {@code 1}/{@code 0} (any case,
   * quoted or not; the corpus writes {@code link:'True'}); null (none) is false; null if {@code
   * value} is none of these.
   */
  public static Boolean toBool(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    return switch (String.valueOf(value).strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0", "" -> false;
      default -> null;
    };
  }

  /**
   * A list: a list as is, a string split on commas outside quotes (as the original's {@code
   * getList}), null as empty, any other scalar as a one-item list.
   */
  public static List<Object> toList(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    if (value instanceof String text) {
      return text.isBlank() ? List.of() : HrdValues.list(text);
    }
    return List.of(value);
  }

  /**
   * A dict: a dict as is, a text of {@code k:v} items read as a dict (a one-line block such as
   * pydio's {@code postgresql.args}), null or blank as empty; null if {@code value} is not one.
   */
  public static Map<String, Object> toDict(Object value) {
    if (value == null) {
      return new LinkedHashMap<>();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> dict = new LinkedHashMap<>();
      map.forEach((k, v) -> dict.put(String.valueOf(k), v));
      return dict;
    }
    if (value instanceof String text) {
      if (text.isBlank()) {
        return new LinkedHashMap<>();
      }
      String oneLine = text.replace('\n', ',');
      if (ValueText.indexOutside(oneLine, ':') >= 0) {
        return HrdValues.dict(oneLine);
      }
    }
    if (value instanceof List<?> list && list.isEmpty()) {
      return new LinkedHashMap<>(); // the writer's form of an empty dict
    }
    return null;
  }

  /**
   * The one-line text of a value, as the original's {@code getStr}: none is empty, a list is its
   * items joined with commas, a dict its {@code k:v} items joined with commas.
   */
  public static String toText(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(item -> items.add(toText(item)));
      return String.join(",", items);
    }
    if (value instanceof Map<?, ?> map) {
      List<String> items = new ArrayList<>();
      map.forEach((k, v) -> items.add(k + ":" + toText(v)));
      return String.join(",", items);
    }
    return String.valueOf(value);
  }
}
