package io.ays.model.template;

import io.ays.model.hrd.Hrd;
import io.ays.model.hrd.HrdConversions;
import io.ays.model.hrd.Substitution;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of one numbered entry ({@code process.1}, ...): text, numbers and booleans as
 * the corpus writes them (usually quoted: {@code prio:'5'}, {@code link:'True'}), reporting a bad
 * value with the file, line and key.
 */
final class Fields {

  private final Hrd recipe;
  private final String key;
  private final Map<String, Object> values;
  private final Findings findings;

  Fields(Hrd recipe, String key, Map<String, Object> values, Findings findings) {
    this.recipe = recipe;
    this.key = key;
    this.values = values;
    this.findings = findings;
  }

  String key() {
    return key;
  }

  Object raw(String field) {
    return values.get(field);
  }

  /** The text of a field, null if absent or blank. */
  String text(String field) {
    Object value = values.get(field);
    String text = value == null ? null : HrdConversions.toText(value);
    return text == null || text.isBlank() ? null : text;
  }

  /** The first of {@code fields} that has a text (for aliases such as prio/priority). */
  String text(String field, String alias) {
    String text = text(field);
    return text != null ? text : text(alias);
  }

  /**
   * A whole number; {@code fallback} if absent, blank or a reference (known per instance); an error
   * if not a number.
   */
  long number(String field, String text, long fallback) {
    if (text == null || !Substitution.references(text).isEmpty()) {
      return fallback;
    }
    Long number = HrdConversions.toLong(text);
    if (number == null) {
      error(field + ": '" + text + "' is not a whole number");
      return fallback;
    }
    return number;
  }

  boolean bool(String field) {
    String text = text(field);
    if (text == null) {
      return false;
    }
    Boolean bool = HrdConversions.toBool(text);
    if (bool == null) {
      error(field + ": expected true or false, found '" + text + "'");
      return false;
    }
    return bool;
  }

  /** The fields not in {@code known}, kept as written. */
  Map<String, Object> extra(Set<String> known) {
    Map<String, Object> extra = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (!known.contains(k)) {
            extra.put(k, v);
          }
        });
    return extra;
  }

  void error(String message) {
    findings.error(recipe, key, message);
  }

  void warning(String message) {
    findings.warning(recipe, key, message);
  }
}
