package io.ays.executor.action;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Picks how an action runs: the template's own hook if it has one, else AYS's default. (Python
 * {@code actions_*.py} methods are the next kind to add here.)
 */
@ApplicationScoped
public class ActionRunner {

  private final HookRunner hooks;
  private final DefaultActions defaults;

  public ActionRunner(HookRunner hooks, DefaultActions defaults) {
    this.hooks = hooks;
    this.defaults = defaults;
  }

  public ActionOutcome run(ActionContext context) throws InterruptedException {
    if (context.command().phase().overridable()) {
      Optional<Path> hook = hooks.find(context);
      if (hook.isPresent()) {
        return hooks.run(hook.get(), context);
      }
    }
    return defaults.run(context.command().phase(), context);
  }
}
