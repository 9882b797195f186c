package io.ays.executor.action;

import io.ays.contracts.ExecutionRole;
import io.ays.contracts.Phase;
import io.ays.executor.binary.ExportException;
import io.ays.executor.binary.GitExporter;
import io.ays.executor.container.ContainerException;
import io.ays.executor.container.ContainerImages;
import io.ays.executor.container.ContainerLaunch;
import io.ays.executor.container.ContainerRun;
import io.ays.executor.container.ContainerSupervisor;
import io.ays.executor.process.LogTail;
import io.ays.executor.process.PortProbe;
import io.ays.executor.process.ProcessLaunch;
import io.ays.executor.process.ProcessSupervisor;
import io.ays.executor.process.SupervisedProcess;
import io.ays.model.template.ConfigRender;
import io.ays.model.template.ContainerSpec;
import io.ays.model.template.ProcessSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The actions AYS runs when a template does not override them, driven by its {@code process.N}
 * entries (AYS-REFERENCE.md, "Actions and their defaults"): start in prio order and wait for the
 * ports, check_up by ports (else by the supervised process, else by filterstr), stop with SIGTERM
 * within timeout_stop, halt with SIGKILL of the process tree this executor started; {@code fetch}
 * carries out the {@code git.export.N} entries and {@code configure} renders the {@code
 * config.render.N} files. The others succeed and do nothing.
 *
 * <p>A process in the container form ({@link ContainerSpec}) runs the same lifecycle through the
 * {@link ContainerSupervisor}: start builds or finds its image and starts the container, check_up
 * probes its published ports or asks the engine (running, healthy), stop and halt go through the
 * engine, and removedata also removes the instance's containers and the volumes AYS created.
 *
 * <p>A template without processes is treated like systemd's {@code RemainAfterExit=yes}: it counts
 * as up from a successful start until a stop, marked by a file in the instance folder.
 */
@ApplicationScoped
public class DefaultActions {

  private static final Logger LOG = Logger.getLogger(DefaultActions.class);

  private static final String STARTED_MARKER = ".ays-started";
  private static final Duration HALT_WAIT = Duration.ofSeconds(5);
  private static final long POLL_MILLIS = 100;
  private static final int TAIL_BYTES = 4096;

  private final ProcessSupervisor supervisor;
  private final GitExporter exporter;
  private final ConfigFiles configFiles;
  private final ContainerSupervisor containers;
  private final ContainerImages images;
  private final PortProbe probe = new PortProbe("127.0.0.1");

  /** Defaults for host processes only: a container entry fails, saying so. */
  public DefaultActions(
      ProcessSupervisor supervisor, GitExporter exporter, ConfigFiles configFiles) {
    this(supervisor, exporter, configFiles, null, null);
  }

  @Inject
  public DefaultActions(
      ProcessSupervisor supervisor,
      GitExporter exporter,
      ConfigFiles configFiles,
      ContainerSupervisor containers,
      ContainerImages images) {
    this.supervisor = supervisor;
    this.exporter = exporter;
    this.configFiles = configFiles;
    this.containers = containers;
    this.images = images;
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
      case HALT -> halt(context, processes);
      case REMOVEDATA -> removeData(context, processes);
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
      List<Integer> ports = checkedPorts(process);
      if (process.container().isPresent()) {
        java.util.Optional<String> notUp = containers().notUp(context.instanceKey(), label);
        if (notUp.isPresent()) {
          return ActionOutcome.checked(false, notUp.get());
        }
      }
      if (!ports.isEmpty()) {
        List<Integer> closed = probe.closedPorts(ports);
        if (!closed.isEmpty()) {
          return ActionOutcome.checked(false, label + ": port(s) " + closed + " not open");
        }
      } else if (process.container().isPresent()) {
        continue; // the engine said it runs (and is healthy, if its image has a health check)
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
      if (process.container().isPresent()) {
        ActionOutcome failed = startContainer(context, process, label, log);
        if (failed != null) {
          return failed;
        }
        started++;
        continue;
      }
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
    return supervisor.running(context.instanceKey()).stream().anyMatch(p -> p.name().equals(label))
        || (containers != null
            && containers.running(context.instanceKey()).stream()
                .anyMatch(c -> c.label().equals(label)));
  }

  /** Starts a container entry and waits until it is up; null when it is, else the failure. */
  private ActionOutcome startContainer(
      ActionContext context, ProcessSpec process, String label, Path log)
      throws InterruptedException {
    ContainerSpec spec = process.container().orElseThrow();
    ContainerRun run;
    try {
      // What was done for the image (found, built, pulled from a registry) is worth a line: a
      // pull can take a while, and which registry served it matters when a tag moved.
      LOG.infof(
          "%s: %s",
          context.instanceKey(),
          images.ensure(label, spec, context.instanceDir(), context.templateDir()));
      run =
          containers()
              .start(
                  context.instanceKey(),
                  new ContainerLaunch(
                      label,
                      spec,
                      commandLine(process) == null
                          ? null
                          : ProcessLaunch.shellScript(commandLine(process)),
                      process.env(),
                      process.user(),
                      context.instanceDir(),
                      log,
                      process.timeoutStop()));
    } catch (ContainerException e) {
      return ActionOutcome.failed(null, e.getMessage(), null);
    } catch (IOException | RuntimeException e) {
      return ActionOutcome.failed(
          null, label + ": cannot start the container: " + e.getMessage(), null);
    }
    long deadline = System.nanoTime() + process.timeoutStart().toNanos();
    List<Integer> ports = checkedPorts(process);
    while (true) {
      java.util.Optional<String> notUp = containers.notUp(context.instanceKey(), label);
      boolean exited =
          containers.running(context.instanceKey()).stream()
              .noneMatch(c -> c.containerId().equals(run.containerId()));
      if (exited) {
        return ActionOutcome.failed(
            null, label + ": container exited during start", LogTail.of(log, TAIL_BYTES));
      }
      if (notUp.isEmpty() && probe.closedPorts(ports).isEmpty()) {
        return null;
      }
      if (System.nanoTime() > deadline) {
        return ActionOutcome.failed(
            null,
            notUp.orElse(label + ": port(s) " + probe.closedPorts(ports) + " not open")
                + " within timeout_start "
                + process.timeoutStart().toSeconds()
                + " s",
            LogTail.of(log, TAIL_BYTES));
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** The ports check_up probes: the entry's {@code ports}, else a container's published ones. */
  private static List<Integer> checkedPorts(ProcessSpec process) {
    if (!process.ports().isEmpty() || process.container().isEmpty()) {
      return process.ports();
    }
    return process.container().get().ports().stream()
        .map(ContainerSpec.PortForward::hostPort)
        .toList();
  }

  private ContainerSupervisor containers() {
    if (containers == null) {
      throw new ContainerException("containers are not supported by this executor");
    }
    return containers;
  }

  private static boolean hasContainer(List<ProcessSpec> processes) {
    return processes.stream().anyMatch(p -> p.container().isPresent());
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
    boolean containerRuns =
        hasContainer(processes) && !containers().running(context.instanceKey()).isEmpty();
    if (supervisor.running(context.instanceKey()).isEmpty() && !containerRuns) {
      supervisor.forgetEnded(context.instanceKey()); // a crashed process's record and cgroup
      return ActionOutcome.done("nothing running");
    }
    Duration timeout =
        processes.stream().map(ProcessSpec::timeoutStop).max(Duration::compareTo).orElse(HALT_WAIT);
    boolean stopped = supervisor.stop(context.instanceKey(), timeout);
    if (containerRuns) {
      stopped &= containers.stop(context.instanceKey(), timeout);
    }
    supervisor.forgetEnded(context.instanceKey());
    // Not a failure if something is left: check_down decides, and halt follows if needed.
    return ActionOutcome.done(
        stopped ? "stopped" : "still running after SIGTERM and " + timeout.toSeconds() + " s");
  }

  private ActionOutcome halt(ActionContext context, List<ProcessSpec> processes) {
    deleteQuietly(context.instanceDir().resolve(STARTED_MARKER));
    boolean halted = supervisor.halt(context.instanceKey(), HALT_WAIT);
    if (hasContainer(processes)) {
      halted &= containers().halt(context.instanceKey());
    }
    supervisor.forgetEnded(context.instanceKey());
    return halted
        ? ActionOutcome.done("halted")
        : ActionOutcome.failed(null, "processes survived SIGKILL", null);
  }

  private ActionOutcome removeData(ActionContext context, List<ProcessSpec> processes) {
    String removedContainers = "";
    if (hasContainer(processes)) {
      try {
        removedContainers = containers().remove(context.instanceKey()) + "; ";
      } catch (RuntimeException e) {
        return ActionOutcome.failed(
            null, "cannot remove the containers of " + context.instanceKey() + ": " + e, null);
      }
    }
    try (Stream<Path> paths =
        Files.exists(context.instanceDir()) ? Files.walk(context.instanceDir()) : Stream.empty()) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(DefaultActions::deleteQuietly);
      return ActionOutcome.done(removedContainers + "removed " + context.instanceDir());
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
    return new ProcessLaunch(label, commandLine(process), cwd, process.env(), log);
  }

  /** {@code cmd} and {@code args} as one shell line; null without cmd (a container's own). */
  private static String commandLine(ProcessSpec process) {
    if (process.cmd() == null) {
      return null;
    }
    return process.args() == null || process.args().isBlank()
        ? process.cmd()
        : process.cmd() + " " + process.args();
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
