package io.ays.model.template;

import io.ays.model.hrd.AnswerCheck;
import io.ays.model.hrd.AnswerProblem;
import io.ays.model.hrd.AskParameter;
import io.ays.model.hrd.Hrd;
import io.ays.model.hrd.HrdReferenceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges a template's recipe with an instance's answers into the one resolved configuration the
 * original wrote to {@code <domain>__<name>__<instance>/service.hrd}. Only this instance's own
 * answers are used: a dependent's answers never leak into its dependencies (a known defect of the
 * original); a dependent passes values down only through its own recipe: its {@code dependencies.N}
 * entries and the {@code args} dicts they name are resolved against this instance (answers, {@code
 * instance.*}, {@code service.*}) before the dependencies are planned.
 */
public final class InstanceResolver {

  public static final String DEFAULT_INSTANCE = "main";
  public static final String SERVICE_PREFIX = "service.";
  public static final String INSTANCE_PREFIX = "instance.";

  /**
   * Validates {@code answers} against the template's questions and resolves the configuration:
   * every recipe key as {@code service.<key>} (plus {@code service.domain}, {@code service.name},
   * {@code service.instance}), every plain key of instance.hrd and every answer as {@code
   * instance.<key>}. Answers to a recipe question ({@code service.<key>}) replace that recipe key.
   *
   * @param instance the instance name; null or blank is {@code main}
   * @return the resolved instance, or one listing every problem (an invalid template, each wrong or
   *     missing answer, a reference cycle)
   */
  public ResolvedInstance resolve(Template template, String instance, Map<String, ?> answers) {
    String name = instance == null || instance.isBlank() ? DEFAULT_INSTANCE : instance.strip();
    String key = template.key() + "/" + name;
    if (!template.valid()) {
      return ResolvedInstance.failed(key, template.problems());
    }
    AnswerCheck check = template.schema().validate(answers);
    if (!check.ok()) {
      return ResolvedInstance.failed(
          key, check.problems().stream().map(AnswerProblem::toString).toList());
    }
    Map<String, Object> config = new LinkedHashMap<>();
    template.recipe().rawValues().forEach((k, v) -> config.put(SERVICE_PREFIX + k, v));
    config.put("service.domain", template.domain());
    config.put("service.name", template.name());
    config.put("service.instance", name);
    template
        .instanceHrd()
        .rawValues()
        .forEach(
            (k, v) -> {
              if (!AskParameter.isQuestion(v)) {
                config.put(INSTANCE_PREFIX + k, v);
              }
            });
    check
        .values()
        .forEach(
            (k, v) -> {
              // only an answer to a recipe question may change a service key
              boolean recipeQuestion =
                  k.startsWith(SERVICE_PREFIX) && template.schema().parameter(k).isPresent();
              config.put(recipeQuestion ? k : INSTANCE_PREFIX + k, v);
            });
    Hrd resolved;
    try {
      resolved = Hrd.of(key, Hrd.of(key, config).resolved());
    } catch (HrdReferenceException e) {
      return ResolvedInstance.failed(key, List.of(e.getMessage()));
    }
    Findings found = new Findings();
    String defaultName = template.name() + "_" + name;
    List<ProcessSpec> processes = ProcessReader.read(resolved, SERVICE_PREFIX, defaultName, found);
    List<DependencySpec> dependencies =
        DependencyReader.read(resolved, SERVICE_PREFIX, template.domain(), found);
    List<GitExport> exports = GitExportReader.read(resolved, SERVICE_PREFIX, found);
    List<ConfigRender> renders = ConfigRenderReader.read(resolved, SERVICE_PREFIX, found);
    InstanceReferences.check(resolved, dependencies, found);
    if (!found.errors().isEmpty()) {
      // e.g. an answer that made a port or a timeout something other than a number, or a
      // dependency's args referring to an answer the template does not ask
      return ResolvedInstance.failed(key, found.errors());
    }
    return new ResolvedInstance(
        key, resolved, check.values(), processes, dependencies, exports, renders, List.of());
  }
}
