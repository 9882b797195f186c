package io.ays.model.template;

import java.util.Map;

/**
 * A {@code dependencies.N} entry: which instance of which template this one needs, and the answers
 * to give it (the dict of the key that {@code args} names).
 */
public record DependencySpec(
    String key,
    String domain,
    String name,
    String instance,
    String argsKey,
    Map<String, Object> args) {

  public String templateKey() {
    return domain + "/" + name;
  }
}
