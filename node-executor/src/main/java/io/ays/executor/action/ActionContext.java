package io.ays.executor.action;

import io.ays.contracts.PhaseCommand;
import java.nio.file.Path;
import java.util.Map;

/**
 * What an action runs with: the command, the template version's folder, the instance's own folder
 * (its working and data directory), its log folder, and the rendered configuration.
 */
public record ActionContext(
    PhaseCommand command,
    Path templateDir,
    Path instanceDir,
    Path logDir,
    Map<String, Object> config) {

  public String instanceKey() {
    return command.instanceKey().toString();
  }
}
