package io.ays.model.template;

import java.util.List;
import java.util.Map;

/**
 * An instance of a template, resolved: one configuration of {@code service.*} keys (the recipe) and
 * {@code instance.*} keys (answers, defaults and the plain keys of instance.hrd), with {@code
 * $(...)} references substituted where they can be; or every problem that prevents it.
 *
 * @param answers the checked answers (typed, defaults filled in), keyed like the questions
 */
public record ResolvedInstance(
    String instanceKey,
    Map<String, Object> config,
    Map<String, Object> answers,
    List<String> problems) {

  public boolean ok() {
    return problems.isEmpty();
  }
}
