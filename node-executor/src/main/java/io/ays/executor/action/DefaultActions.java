package io.ays.executor.action;

import io.ays.contracts.ExecutionRole;
import io.ays.contracts.Phase;
import io.ays.executor.binary.ExportException;
import io.ays.executor.binary.GitExporter;
import io.ays.executor.process.LogTail;
import io.ays.executor.process.PortProbe;
import io.ays.executor.process.ProcessLaunch;
import io.ays.executor.process.ProcessSupervisor;
import io.ays.executor.process.SupervisedProcess;
import io.ays.model.template.ConfigRender;
import io.ays.model.template.ProcessSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The actions AYS runs when a template does not override them, driven by its {@code process.N}
 * entries (AYS-REFERENCE.md, "Actions and their defaults"): start in prio order and wait for the
 * ports, check_up by ports (else by the supervised process, else by filterstr), stop with SIGTERM
 * within timeout_stop, halt with SIGKILL of the process tree this executor started; {@code fetch}
 * carries out the {@code git.export.N} entries and {@code configure} renders the {@code
 * config.render.N} files. The others succeed and do nothing.
 *
 * <p>A template without processes is treated like systemd's {@code RemainAfterExit=yes}: it counts
 * as up from a successful start until a stop, marked by a file in the instance folder.
 */
@ApplicationScoped
public class DefaultActions {

  private static final String STARTED_MARKER = ".ays-started";
  private static final Duration HALT_WAIT = Duration.ofSeconds(5);
  private static final long POLL_MILLIS = 100;
  private static final int TAIL_BYTES = 4096;

  private final ProcessSupervisor supervisor;
  private final GitExporter exporter;
  private final ConfigFiles configFiles;
  private final PortProbe probe = new PortProbe("127.0.0.1");

  public DefaultActions(
      ProcessSupervisor supervisor, GitExporter exporter, ConfigFiles configFiles) {
    this.supervisor = supervisor;
    this.exporter = exporter;
    this.configFiles = configFiles;
  }

  public ActionOutcome run(Phase phase, ActionContext context) throws InterruptedException {
    if (context.command().role() == ExecutionRole.MANAGEMENT) {
      // Nothing runs at the management location by default: checks find nothing up there.
      return phase.answersUp()
          ? ActionOutcome.checked(false, "no processes at the management location")
          : ActionOutcome.done("nothing to do by default at the management location");
    }
    if (phase == Phase.FETCH) {
      return fetch(context);
    }
    if (phase == Phase.CONFIGURE) {
      return configure(context);
    }
    List<ProcessSpec> processes = ConfigViews.processes(context);
    return switch (phase) {
      case START -> start(context, processes);
      case CHECK_UP, CHECK_DOWN, MONITOR -> check(context, processes);
      case STOP -> stop(context, processes);
      case HALT -> halt(context);
      case REMOVEDATA -> removeData(context);
      default -> ActionOutcome.done(phase.actionName() + ": nothing to do by default");
    };
  }

  /** Whether the instance is up, by the rules of check_up. */
  public ActionOutcome check(ActionContext context) {
    return check(context, ConfigViews.processes(context));
  }

  private ActionOutcome check(ActionContext context, List<ProcessSpec> processes) {
    if (processes.isEmpty()) {
      boolean started = Files.exists(context.instanceDir().resolve(STARTED_MARKER));
      return ActionOutcome.checked(started, started ? "started (no processes)" : "not started");
    }
    List<SupervisedProcess> running = supervisor.running(context.instanceKey());
    for (ProcessSpec process : processes) {
      String label = ConfigViews.label(process);
      if (!process.ports().isEmpty()) {
        List<Integer> closed = probe.closedPorts(process.ports());
        if (!closed.isEmpty()) {
          return ActionOutcome.checked(false, label + ": port(s) " + closed + " not open");
        }
      } else if (process.startedByAys()) {
        if (running.stream().noneMatch(p -> p.name().equals(label))) {
          return ActionOutcome.checked(false, label + ": not running");
        }
      } else if (!FilterMatch.anyRunning(process.filterstr())) {
        return ActionOutcome.checked(
            false, label + ": no process matching '" + process.filterstr() + "'");
      }
    }
    return ActionOutcome.checked(true, "up");
  }

  private ActionOutcome fetch(ActionContext context) {
    try {
      List<String> done = exporter.export(ConfigViews.gitExports(context), context.instanceDir());
      return done.isEmpty()
          ? ActionOutcome.done("no git.export entries")
          : ActionOutcome.done(String.join("; ", done));
    } catch (ExportException e) {
      return ActionOutcome.failed(null, e.getMessage(), null);
    }
  }

  private ActionOutcome configure(ActionContext context) {
    List<ConfigRender> renders = ConfigViews.configRenders(context);
    if (renders.isEmpty()) {
      return ActionOutcome.done("no config.render entries");
    }
    try {
      return ActionOutcome.done(String.join("; ", configFiles.render(renders, context)));
    } catch (ExportException e) {
      return ActionOutcome.failed(null, e.getMessage(), null);
    }
  }

  private ActionOutcome start(ActionContext context, List<ProcessSpec> processes)
      throws InterruptedException {
    if (processes.isEmpty()) {
      touch(context.instanceDir().resolve(STARTED_MARKER));
      return ActionOutcome.done("no processes to start");
    }
    if (Boolean.TRUE.equals(check(context, processes).up())) {
      return ActionOutcome.done("already up");
    }
    int started = 0;
    for (ProcessSpec process : processes) {
      String label = ConfigViews.label(process);
      if (!process.startedByAys() || isRunning(context, label)) {
        continue; // watched only, or still running (e.g. adopted after a restart)
      }
      Path log = context.logDir().resolve(label + ".log");
      SupervisedProcess launched;
      try {
        launched = supervisor.start(context.instanceKey(), launch(context, process, label, log));
      } catch (IOException e) {
        return ActionOutcome.failed(null, label + ": cannot start: " + e.getMessage(), null);
      }
      started++;
      ActionOutcome waited = awaitUp(process, label, launched, log);
      if (waited != null) {
        return waited;
      }
    }
    return ActionOutcome.done("started " + started + " process(es)");
  }

  private boolean isRunning(ActionContext context, String label) {
    return supervisor.running(context.instanceKey()).stream().anyMatch(p -> p.name().equals(label));
  }

  /** Waits until the process's ports open; null when they did, else the failure. */
  private ActionOutcome awaitUp(
      ProcessSpec process, String label, SupervisedProcess started, Path log)
      throws InterruptedException {
    long deadline = System.nanoTime() + process.timeoutStart().toNanos();
    while (true) {
      if (!started.isAlive()) {
        return ActionOutcome.failed(
            null, label + ": exited during start", LogTail.of(log, TAIL_BYTES));
      }
      if (process.ports().isEmpty() || probe.closedPorts(process.ports()).isEmpty()) {
        return null;
      }
      if (System.nanoTime() > deadline) {
        return ActionOutcome.failed(
            null,
            label
                + ": port(s) "
                + probe.closedPorts(process.ports())
                + " not open within timeout_start "
                + process.timeoutStart().toSeconds()
                + " s",
            LogTail.of(log, TAIL_BYTES));
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  private ActionOutcome stop(ActionContext context, List<ProcessSpec> processes) {
    deleteQuietly(context.instanceDir().resolve(STARTED_MARKER));
    if (supervisor.running(context.instanceKey()).isEmpty()) {
      return ActionOutcome.done("nothing running");
    }
    Duration timeout =
        processes.stream().map(ProcessSpec::timeoutStop).max(Duration::compareTo).orElse(HALT_WAIT);
    boolean stopped = supervisor.stop(context.instanceKey(), timeout);
    supervisor.forgetEnded(context.instanceKey());
    // Not a failure if something is left: check_down decides, and halt follows if needed.
    return ActionOutcome.done(
        stopped ? "stopped" : "still running after SIGTERM and " + timeout.toSeconds() + " s");
  }

  private ActionOutcome halt(ActionContext context) {
    deleteQuietly(context.instanceDir().resolve(STARTED_MARKER));
    boolean halted = supervisor.halt(context.instanceKey(), HALT_WAIT);
    supervisor.forgetEnded(context.instanceKey());
    return halted
        ? ActionOutcome.done("halted")
        : ActionOutcome.failed(null, "processes survived SIGKILL", null);
  }

  private ActionOutcome removeData(ActionContext context) {
    try (Stream<Path> paths =
        Files.exists(context.instanceDir()) ? Files.walk(context.instanceDir()) : Stream.empty()) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(DefaultActions::deleteQuietly);
      return ActionOutcome.done("removed " + context.instanceDir());
    } catch (IOException e) {
      return ActionOutcome.failed(null, "cannot remove " + context.instanceDir() + ": " + e, null);
    }
  }

  private static ProcessLaunch launch(
      ActionContext context, ProcessSpec process, String label, Path log) {
    Path cwd =
        process.cwd() == null
            ? context.instanceDir()
            : context.instanceDir().resolve(process.cwd());
    String line =
        process.args() == null || process.args().isBlank()
            ? process.cmd()
            : process.cmd() + " " + process.args();
    return new ProcessLaunch(label, line, cwd, process.env(), log);
  }

  private static void touch(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Nothing more to do: a leftover file is reported by the next check.
    }
  }
}
