package io.ays.contracts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The checks the records' compact constructors share; each failure names the field. */
final class Fields {

  private Fields() {}

  static <T> T required(T value, String field) {
    if (value == null) {
      throw new InvalidFieldException(field, "required");
    }
    return value;
  }

  static String requiredText(String value, String field) {
    required(value, field);
    if (value.isBlank()) {
      throw new InvalidFieldException(field, "must not be blank");
    }
    return value;
  }

  static String optionalText(String value, String field) {
    return value == null ? null : requiredText(value, field);
  }

  static String matching(String value, Pattern pattern, String rule, String field) {
    required(value, field);
    if (!pattern.matcher(value).matches()) {
      throw new InvalidFieldException(field, "'" + shorten(value) + "' is not valid: " + rule);
    }
    return value;
  }

  static String maxLength(String value, int max, String field) {
    if (value != null && value.length() > max) {
      throw new InvalidFieldException(
          field, "is " + value.length() + " characters long, the limit is " + max);
    }
    return value;
  }

  static int atLeast(Integer value, int min, String field) {
    required(value, field);
    if (value < min) {
      throw new InvalidFieldException(field, "must be at least " + min + ", was " + value);
    }
    return value;
  }

  static long atLeast(Long value, long min, String field) {
    required(value, field);
    if (value < min) {
      throw new InvalidFieldException(field, "must be at least " + min + ", was " + value);
    }
    return value;
  }

  /** Keeps the last {@code max} characters: the end of an output is what explains a failure. */
  static String tail(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(value.length() - max);
  }

  /** An unmodifiable, key-sorted copy (stable JSON), null read as empty; null values refused. */
  static <V> Map<String, V> sortedMap(Map<String, V> value, String field) {
    if (value == null) {
      return Map.of();
    }
    Map<String, V> copy = new TreeMap<>();
    for (Map.Entry<String, V> entry : value.entrySet()) {
      if (entry.getKey() == null || entry.getKey().isBlank()) {
        throw new InvalidFieldException(field, "has an empty key");
      }
      if (entry.getValue() == null) {
        throw new InvalidFieldException(
            MappingErrors.member(field, entry.getKey()), "must not be null");
      }
      copy.put(entry.getKey(), entry.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  /** An unmodifiable copy, null read as empty; null elements refused. */
  static <E> List<E> list(List<E> value, String field) {
    if (value == null) {
      return List.of();
    }
    List<E> copy = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      copy.add(required(value.get(i), field + "[" + i + "]"));
    }
    return Collections.unmodifiableList(copy);
  }

  static String shorten(String value) {
    return value.length() <= 80 ? value : value.substring(0, 77) + "...";
  }
}
