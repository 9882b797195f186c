package io.ays.executor.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.contracts.ExecutionRole;
import io.ays.contracts.Phase;
import io.ays.executor.config.ExecutorConfig;
import io.ays.executor.node.NodePlatform;
import io.ays.executor.python.ActionFiles;
import io.ays.executor.python.PythonActions;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Picks how an action runs: the template's own hook if it has one, else its {@code actions_*.py}
 * method (which may call AYS's default back), else AYS's default. The template-level {@code build}
 * runs {@code hooks/build} or {@code actions_tmpl.py}; its default does nothing. Before the install
 * phases on the hosting node, the template's {@code platform.supported} is checked against this
 * node.
 */
@ApplicationScoped
public class ActionRunner {

  private static final List<Phase> INSTALL_PHASES =
      List.of(Phase.INIT, Phase.PREPARE, Phase.FETCH, Phase.INSTALL);

  private final HookRunner hooks;
  private final DefaultActions defaults;
  private final PythonActions python;
  private final NodePlatform platform;

  public ActionRunner(
      HookRunner hooks,
      DefaultActions defaults,
      NodePlatform platform,
      ExecutorConfig config,
      ObjectMapper json) {
    this.hooks = hooks;
    this.defaults = defaults;
    this.platform = platform;
    this.python =
        new PythonActions(config.python(), config.dataDir().toAbsolutePath().normalize(), json);
  }

  public ActionOutcome run(ActionContext context) throws InterruptedException {
    Phase phase = context.command().phase();
    Optional<String> unsupported = PlatformCheck.refusal(context, phase, platform);
    if (unsupported.isPresent() && INSTALL_PHASES.contains(phase)) {
      return ActionOutcome.failed(null, unsupported.get(), null);
    }
    if (phase.overridable()) {
      Optional<Path> hook = hooks.find(context);
      if (hook.isPresent()) {
        return hooks.run(hook.get(), context);
      }
      Optional<Path> actions = ActionFiles.forCommand(context.templateDir(), role(context), phase);
      if (actions.isPresent()) {
        return python.run(actions.get(), context, defaults::run);
      }
    }
    return defaults.run(phase, context);
  }

  private static ExecutionRole role(ActionContext context) {
    return context.command().role();
  }
}
