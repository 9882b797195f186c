package io.ays.coordinator.domain;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.Problem;
import io.ays.coordinator.persistence.TemplateDefinitionEntity;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves an instance's configuration: the template's recipe plus the validated answers to its
 * {@code @ASK} questions, as one map of {@code service.*} and {@code instance.*} keys.
 */
public interface InstanceConfigResolver {

  /** The outcome: the configuration, or every problem with the answers or the template. */
  record Resolution(
      Map<String, Object> config, Map<String, Object> answers, List<Problem> problems) {

    public boolean ok() {
      return problems.isEmpty();
    }
  }

  Resolution resolve(
      TemplateDefinitionEntity template, InstanceKey key, Map<String, Object> answers);

  /**
   * One problem for each key of a request's {@code answers} that the template does not ask, naming
   * the key and what the template asks; empty if every key is asked.
   */
  /** The answer keys of {@code template} whose values are secret (and their aliases). */
  Set<String> secretKeys(TemplateDefinitionEntity template);

  List<Problem> unasked(TemplateDefinitionEntity template, Map<String, Object> answers);
}
