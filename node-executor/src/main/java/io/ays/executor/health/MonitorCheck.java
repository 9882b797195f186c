package io.ays.executor.health;

import io.ays.contracts.HealthStatus;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.executor.action.ActionContext;
import io.ays.executor.action.ActionOutcome;
import io.ays.executor.action.ActionRunner;
import io.ays.executor.action.DefaultActions;
import io.ays.executor.config.ExecutorConfig;
import io.ays.executor.python.ActionFiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The periodic health check of one running instance: the template's own {@code monitor} action (a
 * {@code hooks/monitor}, an {@code actions_node.py} method) or, without one, the default ({@code
 * check_up} by ports, then by the process AYS started), run on this node with the monitor's own
 * timeout (the template's {@code lifecycle.monitor.timeout}, else {@code
 * ays.executor.monitor-timeout}: {@link MonitorTimeout}), turned into UP, DEGRADED or DOWN with the
 * reason.
 */
@ApplicationScoped
public class MonitorCheck {

  /** What a check found, and why. */
  public record Verdict(HealthStatus status, String reason, String outputTail) {}

  /** A method named monitor in an actions file. */
  private static final Pattern MONITOR_METHOD = Pattern.compile("(?m)^\\s+def\\s+monitor\\s*\\(");

  private final ActionRunner actions;
  private final DefaultActions defaults;
  private final ExecutorConfig config;

  public MonitorCheck(ActionRunner actions, DefaultActions defaults, ExecutorConfig config) {
    this.actions = actions;
    this.defaults = defaults;
    this.config = config;
  }

  public Verdict check(ActionContext running) throws InterruptedException {
    Duration timeout = MonitorTimeout.of(running.command().config(), config.monitorTimeout());
    ActionContext monitor = monitorOf(running, timeout);
    // The default needs no python3 started every round for an actions file without a monitor.
    ActionOutcome outcome =
        hasOwnMonitor(monitor) ? actions.run(monitor) : defaults.run(Phase.MONITOR, monitor);
    return verdict(outcome, (int) Math.max(1, timeout.toSeconds()));
  }

  /** Whether the template has a monitor hook, or an actions file that defines monitor. */
  private static boolean hasOwnMonitor(ActionContext context) {
    if (Files.isRegularFile(context.templateDir().resolve("hooks").resolve("monitor"))) {
      return true;
    }
    Optional<Path> file =
        ActionFiles.forCommand(context.templateDir(), context.command().role(), Phase.MONITOR);
    if (file.isEmpty()) {
      return false;
    }
    try {
      return MONITOR_METHOD.matcher(Files.readString(file.get())).find();
    } catch (IOException | RuntimeException e) {
      return true; // let the action runner say what is wrong with it
    }
  }

  /** The running instance's context, as a monitor command with the monitor's timeout. */
  private static ActionContext monitorOf(ActionContext running, Duration timeout) {
    PhaseCommand c = running.command();
    PhaseCommand monitor =
        new PhaseCommand(
            c.commandId(),
            c.runId(),
            c.step(),
            c.attempt(),
            c.instanceKey(),
            c.node(),
            c.role(),
            Phase.MONITOR,
            c.template(),
            c.config(),
            (int) Math.max(1, timeout.toSeconds()),
            // a command's deadline, for its shape: the monitor runs now, never late
            Instant.now().plus(timeout).plusSeconds(60));
    return new ActionContext(
        monitor, running.templateDir(), running.instanceDir(), running.logDir(), running.config());
  }

  static Verdict verdict(ActionOutcome outcome, int timeoutSeconds) {
    if (outcome.outcome() == PhaseOutcome.TIMED_OUT) {
      return new Verdict(
          HealthStatus.DOWN,
          "monitor gave no answer within " + timeoutSeconds + " s",
          outcome.outputTail());
    }
    if (outcome.outcome() != PhaseOutcome.SUCCEEDED) {
      return new Verdict(HealthStatus.DOWN, outcome.message(), outcome.outputTail());
    }
    if (outcome.degraded()) {
      return new Verdict(HealthStatus.DEGRADED, outcome.message(), outcome.outputTail());
    }
    return Boolean.FALSE.equals(outcome.up())
        ? new Verdict(HealthStatus.DOWN, outcome.message(), outcome.outputTail())
        : new Verdict(HealthStatus.UP, outcome.message(), null);
  }
}
