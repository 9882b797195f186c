package io.ays.coordinator.domain;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.Problem;
import io.ays.coordinator.persistence.TemplateDefinitionEntity;
import io.ays.model.template.InstanceResolver;
import io.ays.model.template.ResolvedInstance;
import io.ays.model.template.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Resolves instance configurations with the AYS model (service.hrd + instance.hrd + answers). */
@ApplicationScoped
public class ModelConfigResolver implements InstanceConfigResolver {

  private final InstanceResolver resolver = new InstanceResolver();
  private final ParsedTemplates templates;

  public ModelConfigResolver(ParsedTemplates templates) {
    this.templates = templates;
  }

  @Override
  public Resolution resolve(
      TemplateDefinitionEntity definition, InstanceKey key, Map<String, Object> answers) {
    Template template = templates.of(definition);
    ResolvedInstance resolved = resolver.resolve(template, key.instance(), answers);
    List<Problem> problems =
        resolved.problems().stream().map(ModelConfigResolver::problem).toList();
    return new Resolution(resolved.config(), resolved.answers(), problems);
  }

  @Override
  public Set<String> secretKeys(TemplateDefinitionEntity definition) {
    return templates.of(definition).secretKeys();
  }

  @Override
  public List<Problem> unasked(TemplateDefinitionEntity definition, Map<String, Object> answers) {
    return templates.of(definition).unasked(answers).stream()
        .map(p -> new Problem(p.key(), p.message()))
        .toList();
  }

  /** "param.port: expected an integer" -> field param.port; "file:line: ..." -> the file. */
  private static Problem problem(String text) {
    int colon = text.indexOf(": ");
    if (colon > 0) {
      return new Problem(text.substring(0, colon), text.substring(colon + 2));
    }
    return new Problem("template", text);
  }
}
