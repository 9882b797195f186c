package io.ays.executor.python;

import io.ays.contracts.ExecutionRole;
import io.ays.contracts.Phase;
import io.ays.model.template.ActionFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which {@code actions_*.py} applies to a command: {@code actions_mgmt.py} at the management
 * location; on the hosting node {@code actions_node.py}, else the older {@code actions.py}; for a
 * template-level action ({@code build}) {@code actions_tmpl.py}, wherever it runs.
 */
public final class ActionFiles {

  private ActionFiles() {}

  public static Optional<Path> forCommand(Path templateDir, ExecutionRole role, Phase phase) {
    List<ActionFile> candidates =
        phase.templateLevel()
            ? List.of(ActionFile.TEMPLATE)
            : role == ExecutionRole.MANAGEMENT
                ? List.of(ActionFile.MGMT)
                : List.of(ActionFile.NODE, ActionFile.LEGACY);
    return candidates.stream()
        .map(file -> templateDir.resolve(file.fileName()))
        .filter(Files::isRegularFile)
        .findFirst();
  }
}
