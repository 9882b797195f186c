package io.ays.model.hrd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Types HRD value text as the original parser did: a wholly quoted text is a string; text with a
 * {@code :} outside quotes is a dict ({@code k:v, k2:v2}); with a {@code ,} a list; otherwise a
 * scalar (integer, float, {@code true}/{@code false}, {@code none}/{@code empty} for null, else
 * string). {@code [a,b]} is a list wherever a value may stand.
 */
public final class HrdValues {

  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\d+\\.\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  private HrdValues() {}

  /** Types a one-line value (already stripped of its comment and surrounding blanks). */
  public static Object parse(String text) {
    String value = text.strip();
    if (value.isEmpty()) {
      return "";
    }
    if (value.equals(":")) {
      return new LinkedHashMap<String, Object>(); // the original's empty dict
    }
    if (ValueText.isQuoted(value)
        && ValueText.unterminatedQuote(value.substring(1, value.length() - 1)) < 0
        && ValueText.split(value, ',').size() == 1) {
      return ValueText.unquote(value);
    }
    if (ValueText.indexOutside(value, ':') >= 0) {
      return dict(value);
    }
    if (ValueText.indexOutside(value, ',') >= 0) {
      return list(value);
    }
    return element(value);
  }

  /** A dict from {@code k:v, k2:v2}; an item without a colon becomes a key with an empty value. */
  static Map<String, Object> dict(String text) {
    Map<String, Object> dict = new LinkedHashMap<>();
    for (String item : ValueText.split(text, ',')) {
      if (item.isEmpty()) {
        continue;
      }
      int colon = ValueText.indexOutside(item, ':');
      if (colon < 0) {
        dict.put(ValueText.unquote(item), "");
      } else {
        dict.put(
            ValueText.unquote(item.substring(0, colon).strip()),
            element(item.substring(colon + 1)));
      }
    }
    return dict;
  }

  /** A list from {@code a, b, c}; empty items (a trailing comma) are dropped. */
  static List<Object> list(String text) {
    List<Object> list = new ArrayList<>();
    for (String item : ValueText.split(text, ',')) {
      if (!item.isEmpty()) {
        list.add(element(item));
      }
    }
    return list;
  }

  /** One item of a list or dict: quoted string, {@code [list]}, or scalar. */
  static Object element(String text) {
    String value = text.strip();
    if (value.isEmpty()) {
      return "";
    }
    if (ValueText.isQuoted(value)) {
      return ValueText.unquote(value);
    }
    if (value.startsWith("[") && value.endsWith("]")) {
      return list(value.substring(1, value.length() - 1));
    }
    return scalar(value);
  }

  /** Integer, float, boolean, null ({@code none}, {@code empty}) or string. */
  public static Object scalar(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    switch (lower) {
      case "none", "empty" -> {
        return null;
      }
      case "true" -> {
        return Boolean.TRUE;
      }
      case "false" -> {
        return Boolean.FALSE;
      }
      default -> {}
    }
    if (INTEGER.matcher(value).matches()) {
      try {
        return Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
      } catch (NumberFormatException tooLong) {
        return value;
      }
    }
    if (FLOAT.matcher(value).matches()) {
      return Double.parseDouble(value);
    }
    return value;
  }
}
