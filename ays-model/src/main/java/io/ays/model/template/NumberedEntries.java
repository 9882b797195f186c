package io.ays.model.template;

import io.ays.model.hrd.Hrd;
import io.ays.model.hrd.HrdConversions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbered entries of a recipe ({@code process.1}, {@code process.2}, ...) as dicts, ordered by
 * number. Field names are lower-cased. A one-line block of {@code k:v} text (pydio, mariadb_client:
 * {@code process.1 =} then {@code cmd:} without a trailing comma, which the block rule makes text)
 * is read as the dict it was meant to be.
 */
final class NumberedEntries {

  private NumberedEntries() {}

  /**
   * The entries {@code prefix}N by N. A value that is neither a dict nor such a text is an error; a
   * key under the prefix that is not {@code prefix}N is a warning (it is not read).
   *
   * @param scalarField the field a plain one-word value stands for (the original read {@code
   *     dependencies.1 = redis} as the name), or null if a scalar is an error
   */
  static Map<String, Map<String, Object>> read(
      Hrd recipe, String prefix, String scalarField, Findings findings) {
    Pattern numbered = Pattern.compile(Pattern.quote(prefix) + "(\\d+)");
    Map<Long, String> keys = new TreeMap<>();
    for (String key : recipe.keysWithPrefix(prefix)) {
      Matcher matcher = numbered.matcher(key);
      if (matcher.matches() && matcher.group(1).length() < 10) {
        keys.put(Long.parseLong(matcher.group(1)), key);
      } else {
        findings.warning(recipe, key, "not read: expected " + prefix + "N (N a number)");
      }
    }
    Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
    for (String key : keys.values()) {
      Object value = recipe.raw(key);
      Map<String, Object> dict = HrdConversions.toDict(value);
      if (dict == null && scalarField != null && !(value instanceof java.util.List<?>)) {
        dict = new LinkedHashMap<>();
        dict.put(scalarField, value);
      }
      if (dict == null) {
        findings.error(recipe, key, "expected a dict of fields (k:v, ...), found '" + value + "'");
        continue;
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      dict.forEach((k, v) -> fields.put(k.strip().toLowerCase(Locale.ROOT), v));
      entries.put(key, fields);
    }
    return entries;
  }
}
