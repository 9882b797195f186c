package io.ays.coordinator.domain;

import io.ays.contracts.TemplateDefinition;
import io.ays.coordinator.persistence.TemplateDefinitionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/** The coordinator's copy of the template versions the registry published. */
@ApplicationScoped
public class TemplateCatalog {

  /** Files whose presence means the template has management-location actions. */
  static final String MANAGEMENT_ACTIONS = "actions_mgmt.py";

  private final Clock clock;

  public TemplateCatalog(Clock clock) {
    this.clock = clock;
  }

  /** Stores a published version; a version already known is left as it is. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void store(TemplateDefinition definition) {
    if (TemplateDefinitionEntity.version(
            definition.domain(), definition.name(), definition.contentHash())
        .isPresent()) {
      return;
    }
    TemplateDefinitionEntity entity = new TemplateDefinitionEntity();
    entity.domain = definition.domain();
    entity.name = definition.name();
    entity.contentHash = definition.contentHash();
    entity.serviceHrd = definition.serviceHrd();
    entity.instanceHrd = definition.instanceHrd();
    entity.hasManagementActions = definition.files().containsKey(MANAGEMENT_ACTIONS);
    entity.repository = definition.repository();
    entity.sourceCommit = definition.sourceCommit();
    entity.receivedAt = Instant.now(clock);
    entity.persist();
  }
}
