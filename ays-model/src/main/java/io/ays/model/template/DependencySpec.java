package io.ays.model.template;

import java.util.Map;

/**
 * A {@code dependencies.N} entry: which instance of which template this one needs, and the answers
 * to give it.
 *
 * @param key the recipe key, e.g. {@code dependencies.1}
 * @param domain the dependency's domain; the template's own domain when not given
 * @param instance the dependency's instance, {@code main} when not given
 * @param argsKey the key named by {@code args}, or null
 * @param args the dependency's answers: the dict of the key {@code argsKey} names (empty without
 *     one)
 */
public record DependencySpec(
    String key,
    String domain,
    String name,
    String instance,
    String argsKey,
    Map<String, Object> args) {

  public DependencySpec {
    args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
  }

  /** {@code domain/name}. */
  public String templateKey() {
    return domain + "/" + name;
  }

  /** {@code domain/name/instance}. */
  public String instanceKey() {
    return templateKey() + "/" + instance;
  }
}
