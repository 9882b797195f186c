package io.ays.coordinator.domain;

import io.ays.contracts.TemplateDefinition;
import io.ays.coordinator.persistence.TemplateDefinitionEntity;
import io.ays.model.template.TemplateFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The coordinator's copy of the template versions the registry published. */
@ApplicationScoped
public class TemplateCatalog {

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
    entity.hasManagementActions = hasManagementActions(definition);
    entity.repository = definition.repository();
    entity.sourceCommit = definition.sourceCommit();
    entity.receivedAt = Instant.now(clock);
    entity.persist();
  }

  /** actions_mgmt.py or any hook under hooks/mgmt/: the same rule as the model's and the node's. */
  static boolean hasManagementActions(TemplateDefinition definition) {
    Map<String, byte[]> files = new HashMap<>();
    Set<String> executables = new HashSet<>();
    definition
        .files()
        .forEach(
            (path, file) -> {
              files.put(path, new byte[0]); // only the paths and modes decide
              if (file.executable()) {
                executables.add(path);
              }
            });
    return new TemplateFiles(files, executables).hasManagementActions();
  }
}
