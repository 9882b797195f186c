package io.ays.monitor.domain;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.TemplateDefinition;
import io.ays.monitor.persistence.TemplatePolicyEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Keeps each template's own restart settings ({@code monitor.restart.*} in its {@code service.hrd})
 * and gives every instance the decider of its template's policy: the monitor's policy with the
 * template's settings in place of its own.
 */
@ApplicationScoped
public class TemplatePolicies {

  private static final Logger LOG = Logger.getLogger(TemplatePolicies.class);

  private final RestartDecider defaults;
  private final Clock clock;

  public TemplatePolicies(RestartDecider defaults, Clock clock) {
    this.defaults = defaults;
    this.clock = clock;
  }

  /**
   * Stores the settings of a new template version, in the caller's transaction.
   *
   * @throws IllegalArgumentException naming the template, line and key of a bad setting; the
   *     settings known before stay in force
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void onDefinition(TemplateDefinition definition) {
    String key = definition.domain() + "/" + definition.name();
    PolicyOverrides overrides = TemplatePolicyReader.read(definition);
    try {
      overrides.over(defaults.policy());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          key + "/service.hrd: monitor.restart.* make an impossible policy: " + e.getMessage(), e);
    }
    TemplatePolicyEntity row = TemplatePolicyEntity.findById(key);
    if (overrides.isEmpty()) {
      if (row != null) {
        row.delete();
      }
      return;
    }
    if (row == null) {
      row = new TemplatePolicyEntity();
      row.templateKey = key;
    }
    row.contentHash = definition.contentHash();
    row.initialDelayMs = millis(overrides.initialDelay());
    row.multiplier = overrides.multiplier();
    row.maxDelayMs = millis(overrides.maxDelay());
    row.resetAfterMs = millis(overrides.resetAfter());
    row.maxRestarts = overrides.maxRestarts();
    row.updatedAt = Instant.now(clock);
    row.persist();
    LOG.infof("%s has its own restart policy: %s", key, overrides.over(defaults.policy()));
  }

  /** A deleted template (a tombstone on the compacted topic): its settings go with it. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void onRemoved(String templateKey) {
    TemplatePolicyEntity.deleteById(templateKey);
  }

  /** The decider for {@code instanceKey}: its template's policy, or the monitor's. */
  @Transactional(Transactional.TxType.MANDATORY)
  public RestartDecider deciderFor(String instanceKey) {
    InstanceKey key = InstanceKey.parse(instanceKey);
    TemplatePolicyEntity row = TemplatePolicyEntity.findById(key.domain() + "/" + key.name());
    if (row == null) {
      return defaults;
    }
    PolicyOverrides overrides =
        new PolicyOverrides(
            duration(row.initialDelayMs),
            row.multiplier,
            duration(row.maxDelayMs),
            duration(row.resetAfterMs),
            row.maxRestarts);
    return new RestartDecider(overrides.over(defaults.policy()));
  }

  private static Long millis(Duration d) {
    return d == null ? null : d.toMillis();
  }

  private static Duration duration(Long millis) {
    return millis == null ? null : Duration.ofMillis(millis);
  }
}
