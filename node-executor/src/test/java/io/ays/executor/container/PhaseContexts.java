package io.ays.executor.container;

import io.ays.contracts.ExecutionRole;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.TemplateRef;
import io.ays.executor.action.ActionContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The context of one phase as the executor builds it from a command, for the container tests. */
final class PhaseContexts {

  private PhaseContexts() {}

  /**
   * {@code phase} of instance {@code key} (domain/name/instance) on {@code node}, with the resolved
   * {@code config}, the template, instance and log folders all {@code dir}.
   */
  static ActionContext of(
      String key, String node, Phase phase, Map<String, Object> config, Path dir) {
    InstanceKey instance = InstanceKey.parse(key);
    PhaseCommand command =
        new PhaseCommand(
            UUID.randomUUID() + "/1/1",
            UUID.randomUUID(),
            1,
            1,
            instance,
            NodeId.of(node),
            ExecutionRole.NODE,
            phase,
            new TemplateRef(instance.domain(), instance.name(), "0".repeat(64)),
            config,
            60,
            Instant.now().plusSeconds(60));
    return new ActionContext(command, dir, dir, dir, config);
  }
}
