package io.ays.model.template;

import io.ays.model.hrd.Hrd;
import io.ays.model.hrd.HrdConversions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code dependencies.N} entries of a recipe. {@code args} names another key of the same
 * recipe whose dict becomes the dependency's answers (e.g. {@code args:'dep.args.redis'}).
 */
final class DependencyReader {

  private DependencyReader() {}

  /**
   * @param prefix empty in a recipe, {@code service.} in a resolved configuration
   */
  static List<DependencySpec> read(
      Hrd hrd, String prefix, String defaultDomain, Findings findings) {
    List<DependencySpec> dependencies = new ArrayList<>();
    Map<String, Map<String, Object>> entries =
        NumberedEntries.read(hrd, prefix + "dependencies.", "name", findings);
    for (Map.Entry<String, Map<String, Object>> entry : entries.entrySet()) {
      Fields f = new Fields(hrd, entry.getKey(), entry.getValue(), findings);
      String name = f.text("name");
      if (name == null) {
        if (entry.getValue().values().stream()
            .allMatch(v -> v == null || HrdConversions.toText(v).isBlank())) {
          f.warning("empty: no dependency; ignored"); // the original skipped it too
        } else {
          f.error("name is required");
        }
        continue;
      }
      String argsKey = f.text("args");
      Map<String, Object> args = new java.util.LinkedHashMap<>();
      if (argsKey != null) {
        String target = prefix + argsKey.strip();
        Map<String, Object> dict = HrdConversions.toDict(hrd.raw(target));
        if (!hrd.has(target)) {
          f.error("args names '" + argsKey + "', which is not a key of this file");
        } else if (dict == null) {
          f.error("args names '" + argsKey + "', whose value is not a dict");
        } else {
          args.putAll(dict);
        }
      }
      String domain = f.text("domain");
      String instance = f.text("instance");
      dependencies.add(
          new DependencySpec(
              f.key().substring(prefix.length()), // the recipe's key, as its author wrote it
              domain == null ? defaultDomain : domain.strip(),
              name.strip(),
              instance == null ? "main" : instance.strip(),
              argsKey,
              args));
    }
    return dependencies;
  }
}
