package io.ays.model.hrd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code $(key)} references in text (configuration files, action sources, arguments) and
 * in structured values. A reference to an unknown key is left as written, as in the original (the
 * node fills in {@code $(system.paths.base)} later); so is a reference inside a longer text to a
 * list or dict, which has no one-line form.
 */
public final class Substitution {

  static final Pattern REFERENCE = Pattern.compile("\\$\\(([^()\\s]+)\\)");

  private Substitution() {}

  /**
   * Substitutes the references in {@code text}; {@code lookup} gives a key's final value (it is not
   * substituted again), or empty for an unknown key.
   */
  public static String apply(String text, Function<String, Optional<Object>> lookup) {
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      Optional<Object> value = lookup.apply(matcher.group(1).toLowerCase(Locale.ROOT));
      String replacement =
          value.isEmpty() || value.get() instanceof Map || value.get() instanceof List
              ? matcher.group()
              : String.valueOf(value.get());
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /**
   * Substitutes references over arbitrary text using the keys of {@code hrd} (their own references
   * substituted in turn; a cycle is an {@link HrdCycleException}).
   */
  public static String apply(String text, Hrd hrd) {
    return apply(text, key -> hrd.has(key) ? Optional.of(orEmpty(hrd.get(key))) : Optional.empty());
  }

  /**
   * Substitutes references over arbitrary text using {@code values} (keys case-insensitive; values
   * may refer to each other).
   */
  public static String apply(String text, Map<String, ?> values) {
    return apply(text, Hrd.of("values", values));
  }

  /** The lower-cased key of the reference {@code matcher} found. */
  static String referenceKey(Matcher matcher) {
    return matcher.group(1).toLowerCase(Locale.ROOT);
  }

  /** The keys {@code text} refers to, lower-cased, in order. */
  public static List<String> references(String text) {
    List<String> keys = new ArrayList<>();
    Matcher matcher = REFERENCE.matcher(text);
    while (matcher.find()) {
      keys.add(matcher.group(1).toLowerCase(Locale.ROOT));
    }
    return keys;
  }

  /** The key, if {@code text} is exactly one reference such as {@code $(instance.param.port)}. */
  static Optional<String> wholeReference(String text) {
    Matcher matcher = REFERENCE.matcher(text.strip());
    return matcher.matches()
        ? Optional.of(matcher.group(1).toLowerCase(Locale.ROOT))
        : Optional.empty();
  }

  /** Applies {@code apply} to every string inside a value (lists and dicts included). */
  static Object deep(Object value, Function<String, Object> apply) {
    if (value instanceof String text) {
      return apply.apply(text);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), deep(v, apply)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(deep(v, apply)));
      return out;
    }
    return value;
  }

  private static Object orEmpty(Object value) {
    return value == null ? "" : value;
  }
}
