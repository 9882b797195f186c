package io.ays.model.template;

import io.ays.model.hrd.Hrd;
import io.ays.model.hrd.Substitution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the {@code $(instance.*)} and {@code $(service.*)} references a resolved configuration
 * could not substitute in the entries the coordinator acts on itself: {@code dependencies.N}, the
 * dicts their {@code args} name, and {@code git.export.N}. Those are read before any node sees
 * them, so such a reference is a mistake (a misspelt answer, a question the template does not ask),
 * not text for the node to fill in like {@code $(system.paths.base)}.
 */
final class InstanceReferences {

  private static final List<String> OWN_PREFIXES =
      List.of(InstanceResolver.INSTANCE_PREFIX, InstanceResolver.SERVICE_PREFIX);

  private InstanceReferences() {}

  /** Adds one error per unresolved reference, naming the recipe key and the missing key. */
  static void check(Hrd resolved, List<DependencySpec> dependencies, Findings found) {
    List<String> keys = new ArrayList<>();
    keys.addAll(resolved.keysWithPrefix(InstanceResolver.SERVICE_PREFIX + "dependencies."));
    keys.addAll(resolved.keysWithPrefix(InstanceResolver.SERVICE_PREFIX + "git.export."));
    for (DependencySpec dependency : dependencies) {
      if (dependency.argsKey() != null) {
        keys.add(InstanceResolver.SERVICE_PREFIX + dependency.argsKey().strip().toLowerCase());
      }
    }
    for (String key : keys.stream().distinct().toList()) {
      for (String missing : unresolved(resolved.raw(key))) {
        found.error(
            key.substring(InstanceResolver.SERVICE_PREFIX.length())
                + ": $("
                + missing
                + ") is not a key of this instance (not an answer, nor a key of instance.hrd"
                + " or service.hrd)");
      }
    }
  }

  private static List<String> unresolved(Object value) {
    List<String> missing = new ArrayList<>();
    collect(value, missing);
    return missing.stream().distinct().toList();
  }

  private static void collect(Object value, List<String> missing) {
    if (value instanceof String text) {
      Substitution.references(text).stream()
          .filter(ref -> OWN_PREFIXES.stream().anyMatch(ref::startsWith))
          .forEach(missing::add);
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(v -> collect(v, missing));
    } else if (value instanceof List<?> list) {
      list.forEach(v -> collect(v, missing));
    }
  }
}
