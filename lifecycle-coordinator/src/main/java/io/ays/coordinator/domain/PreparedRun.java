package io.ays.coordinator.domain;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.RequestAction;
import io.ays.coordinator.domain.plan.PlannedStep;
import io.ays.coordinator.persistence.TemplateDefinitionEntity;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One instance's part of a request, checked and planned, not yet stored: what a dry run returns and
 * what {@link RequestIntake} persists.
 *
 * @param upToDate an install whose template version and answers are unchanged: nothing to do
 * @param requiredBy the instance whose request brought this one in (a dependency, or a dependent
 *     being stopped first); null for the instance the request names
 * @param after the instances of the same request whose runs must succeed before this one starts
 * @param dependsOn the direct dependencies of this instance (installs record them)
 * @param secretKeys the answer keys of its template whose values are secret
 */
public record PreparedRun(
    RequestAction action,
    InstanceKey key,
    String node,
    TemplateDefinitionEntity template,
    Map<String, Object> answers,
    Map<String, Object> config,
    List<PlannedStep> plan,
    boolean upToDate,
    InstanceKey requiredBy,
    List<InstanceKey> after,
    List<InstanceKey> dependsOn,
    Set<String> secretKeys) {

  public PreparedRun {
    secretKeys = Set.copyOf(secretKeys);
    after = List.copyOf(after);
    dependsOn = List.copyOf(dependsOn);
  }

  /** The same run, to start only after {@code prerequisites}. */
  PreparedRun after(List<InstanceKey> prerequisites) {
    return new PreparedRun(
        action,
        key,
        node,
        template,
        answers,
        config,
        plan,
        upToDate,
        requiredBy,
        prerequisites,
        dependsOn,
        secretKeys);
  }
}
