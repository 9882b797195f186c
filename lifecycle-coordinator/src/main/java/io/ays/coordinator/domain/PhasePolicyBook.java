package io.ays.coordinator.domain;

import io.ays.contracts.Phase;
import io.ays.contracts.Problem;
import io.ays.coordinator.config.CoordinatorConfig;
import io.ays.coordinator.domain.plan.PhasePolicies;
import io.ays.coordinator.domain.plan.PhasePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** The phase policies of this coordinator: its configured defaults under each template's own. */
@ApplicationScoped
public class PhasePolicyBook {

  private final PhasePolicies policies;

  public PhasePolicyBook(CoordinatorConfig config) {
    this.policies =
        new PhasePolicies(
            new PhasePolicy(
                config.phaseAttempts(),
                config.phaseTimeout(),
                config.retryBackoff(),
                config.retryBackoffMax()));
  }

  public PhasePolicy of(Map<String, Object> resolvedConfig, Phase phase) {
    return policies.of(resolvedConfig, phase);
  }

  public List<Problem> problems(Map<String, Object> resolvedConfig) {
    return policies.problems(resolvedConfig);
  }
}
