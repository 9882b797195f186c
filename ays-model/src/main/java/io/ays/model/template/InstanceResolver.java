package io.ays.model.template;

import io.ays.model.hrd.AnswerCheck;
import io.ays.model.hrd.AnswerProblem;
import io.ays.model.hrd.Hrd;
import io.ays.model.hrd.HrdCycleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges a template's recipe with an instance's answers into the one resolved configuration the
 * original wrote to {@code <domain>__<name>__<instance>/service.hrd}. Only this instance's own
 * answers are used: a dependent's answers never leak into its dependencies (a known defect of the
 * original).
 */
public final class InstanceResolver {

  public static final String DEFAULT_INSTANCE = "main";

  public ResolvedInstance resolve(Template template, String instance, Map<String, Object> answers) {
    String name = instance == null || instance.isBlank() ? DEFAULT_INSTANCE : instance;
    String key = template.key() + "/" + name;
    if (!template.valid()) {
      return new ResolvedInstance(key, Map.of(), Map.of(), template.problems());
    }
    AnswerCheck check = template.schema().validate(answers);
    if (!check.ok()) {
      return new ResolvedInstance(
          key, Map.of(), Map.of(), check.problems().stream().map(AnswerProblem::toString).toList());
    }
    Map<String, Object> config = new LinkedHashMap<>();
    template.recipe().rawValues().forEach((k, v) -> config.put("service." + k, v));
    config.put("service.domain", template.domain());
    config.put("service.name", template.name());
    config.put("service.instance", name);
    template
        .instanceHrd()
        .rawValues()
        .forEach(
            (k, v) -> {
              if (!(v instanceof String s && s.startsWith("@ASK"))) {
                config.put("instance." + k, v);
              }
            });
    check.values().forEach((k, v) -> config.put("instance." + k, v));
    try {
      Map<String, Object> resolved = Hrd.of(key, config).resolved();
      return new ResolvedInstance(key, resolved, check.values(), List.of());
    } catch (HrdCycleException e) {
      return new ResolvedInstance(key, Map.of(), Map.of(), List.of(e.getMessage()));
    }
  }
}
