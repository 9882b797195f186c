package io.ays.coordinator.domain;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.RequestAction;
import io.ays.coordinator.domain.plan.PlannedStep;
import io.ays.coordinator.persistence.TemplateDefinitionEntity;
import java.util.List;
import java.util.Map;

/**
 * A request checked and planned, not yet stored: what a dry run returns and what {@link
 * RequestIntake} persists.
 *
 * @param upToDate an install whose template version and answers are unchanged: nothing to do
 */
public record PreparedRun(
    RequestAction action,
    InstanceKey key,
    String node,
    TemplateDefinitionEntity template,
    Map<String, Object> answers,
    Map<String, Object> config,
    List<PlannedStep> plan,
    boolean upToDate) {}
