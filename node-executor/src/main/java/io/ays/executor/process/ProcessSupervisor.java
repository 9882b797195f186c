package io.ays.executor.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Starts service processes and keeps track of them: reports every exit at once, stops them
 * gracefully (SIGTERM, then waits) and halts them (SIGKILL). Only processes this supervisor
 * started, and their descendants, are ever signalled: never "whatever holds the port", which was a
 * known defect of the original.
 *
 * <p>Each process runs in its own session (setsid), so it outlives the executor; its pid and start
 * time are recorded in a {@link ProcessRegistry}, and a restarted executor {@link #adopt adopts}
 * the ones still running instead of starting them again.
 *
 * <p>Each process is contained ({@link Containment}): in a cgroup of its own where the node allows
 * it, else by its session. Stop and halt reach everything it started, a daemon that double-forked
 * or called setsid included. A process whose main pid exits with status 0 while others it started
 * run on has daemonized: it counts as running while they do (systemd's {@code Type=forking}), and
 * its end is seen by the next check rather than at once. One that exits otherwise is reported, and
 * what it left behind is killed, so that a restart starts clean.
 *
 * <p>Where the {@link ChildReaper} is available (Linux), a process is started by a launcher shell
 * that puts it in the background and exits: the executor, a child subreaper, inherits it, and the
 * reaper's one thread waits for all of them. Elsewhere each process is the JDK's child, with the
 * JDK's reaper thread each.
 */
public final class ProcessSupervisor {

  private static final int TAIL_BYTES = 4096;
  private static final Logger LOG = Logger.getLogger(ProcessSupervisor.class);

  private final Map<String, List<SupervisedProcess>> byInstance = new ConcurrentHashMap<>();
  private final Set<SupervisedProcess> stopping = ConcurrentHashMap.newKeySet();
  private final List<Consumer<ProcessExit>> exitListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<SupervisedProcess>> startListeners = new CopyOnWriteArrayList<>();
  private final ProcessRegistry registry;
  private final LogRotation rotation;
  private final boolean setsidAvailable;
  private final Optional<ChildReaper> reaper;
  private final LaunchPausePoint pausePoint;
  private final Containment containment;

  /**
   * @param registry where the supervised processes are recorded across restarts
   * @param logMaxBytes a log larger than this is rotated before a start and by {@link #rotateLogs}
   * @param logKeep how many rotated copies are kept
   */
  public ProcessSupervisor(ProcessRegistry registry, long logMaxBytes, int logKeep) {
    this(registry, logMaxBytes, logKeep, ChildReaper.shared(), LaunchPausePoint.NONE);
  }

  public ProcessSupervisor(
      ProcessRegistry registry, long logMaxBytes, int logKeep, LaunchPausePoint pausePoint) {
    this(registry, logMaxBytes, logKeep, ChildReaper.shared(), pausePoint);
  }

  /**
   * @param reaper the one thread that waits for every process; empty to rely on the JDK's thread
   *     per process
   */
  public ProcessSupervisor(
      ProcessRegistry registry, long logMaxBytes, int logKeep, Optional<ChildReaper> reaper) {
    this(registry, logMaxBytes, logKeep, reaper, LaunchPausePoint.NONE);
  }

  /**
   * @param pausePoint where a test holds a start between the launch and the record of its pid
   */
  public ProcessSupervisor(
      ProcessRegistry registry,
      long logMaxBytes,
      int logKeep,
      Optional<ChildReaper> reaper,
      LaunchPausePoint pausePoint) {
    this(registry, logMaxBytes, logKeep, reaper, pausePoint, Containment.session());
  }

  /**
   * @param containment how each process is kept with what it starts (a cgroup, or its session)
   */
  public ProcessSupervisor(
      ProcessRegistry registry,
      long logMaxBytes,
      int logKeep,
      Optional<ChildReaper> reaper,
      LaunchPausePoint pausePoint,
      Containment containment) {
    this.registry = registry;
    this.containment = containment;
    this.pausePoint = pausePoint;
    this.rotation = new LogRotation(logMaxBytes, logKeep);
    this.setsidAvailable =
        Stream.of("/usr/bin/setsid", "/bin/setsid")
            .anyMatch(path -> Files.isExecutable(Path.of(path)));
    // The background launcher needs setsid to give each service a session of its own.
    this.reaper = setsidAvailable ? reaper : Optional.empty();
  }

  /** How this supervisor contains the processes it starts. */
  public Containment.Mode containment() {
    return containment.mode();
  }

  /** Registers a listener told of every exit of a supervised process. */
  public void onExit(Consumer<ProcessExit> listener) {
    exitListeners.add(listener);
  }

  /** Registers a listener told of every process this supervisor starts (not of adopted ones). */
  public void onStart(Consumer<SupervisedProcess> listener) {
    startListeners.add(listener);
  }

  /**
   * Starts {@code launch} for {@code instanceKey}; its output is appended to its log file. The
   * intent is recorded first and the pid after, so that an executor that dies in between finds the
   * process at its next start ({@link #adopt}).
   */
  public SupervisedProcess start(String instanceKey, ProcessLaunch launch) throws IOException {
    Files.createDirectories(launch.logFile().getParent());
    if (launch.workingDirectory() != null) {
      Files.createDirectories(launch.workingDirectory());
    }
    rotation.rotateIfLarge(launch.logFile());
    LaunchIntent unplaced = LaunchIntent.of(instanceKey, launch);
    Optional<Path> cgroup = containment.newCgroup(instanceKey, launch.name(), unplaced.launchId());
    LaunchIntent intent = unplaced.in(cgroup);
    registry.saveIntent(intent);
    try {
      ProcessLaunch marked = launch.marked(intent.launchId());
      // The service's own shell enters the cgroup before it runs anything: one write, no process.
      String prologue = cgroup.map(Cgroup::enterLine).orElse("");
      if (reaper.isPresent()) {
        return startDetached(instanceKey, marked, prologue, intent.cgroup(), reaper.get());
      }
      ProcessBuilder builder = marked.processBuilder(marked.argv(setsidAvailable, prologue));
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(marked.logFile().toFile()));
      Process process = builder.start();
      pausePoint.reached(process.pid());
      long startTicks = ProcStat.startTicks(process.pid()).orElse(-1);
      SupervisedProcess supervised =
          supervise(instanceKey, marked, process.pid(), startTicks, intent.cgroup());
      process.onExit().thenAccept(ended -> reportExit(supervised, ended.exitValue()));
      return supervised;
    } finally {
      registry.clearIntent(intent);
    }
  }

  private SupervisedProcess startDetached(
      String instanceKey, ProcessLaunch launch, String prologue, String cgroup, ChildReaper reaper)
      throws IOException {
    long pid = BackgroundLauncher.launch(launch, prologue);
    pausePoint.reached(pid);
    // The launcher has exited, so the process is now our child (or its zombie), reaped only once
    // watched: its start time is read first, also when it has already exited (a daemon's parent).
    long startTicks = ProcStat.startTicks(pid).orElse(-1);
    Optional<CompletableFuture<Integer>> exit = reaper.watch(pid, startTicks);
    SupervisedProcess supervised = supervise(instanceKey, launch, pid, startTicks, cgroup);
    exit.ifPresentOrElse(
        ended -> ended.thenAccept(code -> reportExit(supervised, code)),
        () -> reportExit(supervised, null));
    return supervised;
  }

  private SupervisedProcess supervise(
      String instanceKey, ProcessLaunch launch, long pid, long startTicks, String cgroup) {
    Instant startedAt =
        ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).orElse(Instant.now());
    SupervisedProcess supervised =
        new SupervisedProcess(
            instanceKey,
            launch.name(),
            pid,
            startedAt,
            startTicks,
            launch.logFile().toString(),
            cgroup);
    byInstance.computeIfAbsent(instanceKey, key -> new CopyOnWriteArrayList<>()).add(supervised);
    record(instanceKey);
    startListeners.forEach(listener -> listener.accept(supervised));
    return supervised;
  }

  /**
   * Takes over the processes a previous run of the executor recorded: those still running (same pid
   * and same start time) are supervised again; the others are forgotten.
   *
   * @return what was found: the adopted processes and those that ended meanwhile
   */
  public Adoption adopt() {
    List<SupervisedProcess> adopted = new ArrayList<>();
    List<SupervisedProcess> gone = new ArrayList<>();
    Set<String> instances = new java.util.TreeSet<>();
    for (SupervisedProcess process : registry.load()) {
      instances.add(process.instanceKey());
      if (process.isAlive() && !all().contains(process)) {
        byInstance
            .computeIfAbsent(process.instanceKey(), key -> new CopyOnWriteArrayList<>())
            .add(process);
        watchAdopted(process);
        adopted.add(process);
      } else if (!process.isAlive()) {
        ServiceTree.release(process);
        gone.add(process);
      }
    }
    for (LaunchIntent intent : registry.loadIntents()) {
      adoptUnrecorded(intent).ifPresent(adopted::add);
      instances.add(intent.instanceKey());
      registry.clearIntent(intent);
    }
    instances.forEach(this::record);
    return new Adoption(adopted, gone);
  }

  /**
   * The process a previous run of the executor started under {@code intent} but died before
   * recording, found by its launch id; empty if it never started or has ended.
   */
  private Optional<SupervisedProcess> adoptUnrecorded(LaunchIntent intent) {
    Optional<Long> pid = MarkedProcesses.find(intent.launchId());
    if (pid.isPresent() && all().stream().anyMatch(p -> p.pid() == pid.get())) {
      return Optional.empty(); // recorded after all: the executor died just before the clean-up
    }
    if (pid.isEmpty()) {
      LOG.infof(
          "%s %s: the previous executor was starting it when it stopped; no such process runs",
          intent.instanceKey(), intent.name());
      if (intent.cgroup() != null) {
        // Whatever entered the cgroup without its marker (cleared environment) goes too.
        Path cgroup = Path.of(intent.cgroup());
        Cgroup.kill(cgroup);
        ServiceTree.awaitEmpty(cgroup, Duration.ofSeconds(5));
        Cgroup.removeIfEmpty(cgroup);
      }
      return Optional.empty();
    }
    SupervisedProcess process =
        new SupervisedProcess(
            intent.instanceKey(),
            intent.name(),
            pid.get(),
            ProcessHandle.of(pid.get()).flatMap(h -> h.info().startInstant()).orElse(Instant.now()),
            ProcStat.startTicks(pid.get()).orElse(-1),
            intent.logFile(),
            intent.cgroup());
    byInstance
        .computeIfAbsent(intent.instanceKey(), key -> new CopyOnWriteArrayList<>())
        .add(process);
    watchAdopted(process);
    LOG.infof(
        "%s %s: adopted pid %d, started by the previous executor before it could record it",
        intent.instanceKey(), intent.name(), pid.get());
    return Optional.of(process);
  }

  /** The processes found by {@link #adopt}. */
  public record Adoption(List<SupervisedProcess> adopted, List<SupervisedProcess> gone) {}

  private void watchAdopted(SupervisedProcess process) {
    // Not our child any more: the exit status is lost, but the exit itself is seen.
    if (reaper.isPresent()) {
      reaper
          .get()
          .watch(process.pid(), process.startTicks())
          .ifPresent(ended -> ended.thenAccept(code -> reportExit(process, code)));
    } else {
      process
          .liveHandle()
          .ifPresent(handle -> handle.onExit().thenAccept(ended -> reportExit(process, null)));
    }
  }

  /** Rotates the logs of running processes that grew over the limit. */
  public void rotateLogs() {
    all().stream()
        .filter(SupervisedProcess::isAlive)
        .forEach(p -> rotation.rotateIfLarge(Path.of(p.logFile())));
  }

  /** The processes of an instance that still run. */
  public List<SupervisedProcess> running(String instanceKey) {
    return byInstance.getOrDefault(instanceKey, List.of()).stream()
        .filter(SupervisedProcess::isAlive)
        .toList();
  }

  /** Every process this supervisor tracks, alive or not yet forgotten. */
  public List<SupervisedProcess> all() {
    return byInstance.values().stream().flatMap(List::stream).toList();
  }

  /**
   * Sends SIGTERM to every process of the instance (its cgroup's, or its session's and descendants)
   * and waits up to {@code timeout} for them to end.
   *
   * @return true if none is left running
   */
  public boolean stop(String instanceKey, Duration timeout) {
    return end(instanceKey, false, timeout);
  }

  /**
   * Kills every process of the instance (cgroup.kill, or SIGKILL to its session and descendants).
   *
   * @return true if none is left running afterwards
   */
  public boolean halt(String instanceKey, Duration timeout) {
    return end(instanceKey, true, timeout);
  }

  private boolean end(String instanceKey, boolean kill, Duration timeout) {
    List<SupervisedProcess> targets = running(instanceKey);
    List<ProcessHandle> signalled = new ArrayList<>();
    for (SupervisedProcess process : targets) {
      if (process.isMainAlive()) {
        stopping.add(process);
      }
      signalled.addAll(ServiceTree.signal(process, kill));
    }
    return ServiceTree.awaitEnd(targets, signalled, timeout);
  }

  /** Forgets the instance's processes that have ended. */
  public void forgetEnded(String instanceKey) {
    List<SupervisedProcess> list = byInstance.get(instanceKey);
    if (list != null) {
      List<SupervisedProcess> ended = list.stream().filter(p -> !p.isAlive()).toList();
      ended.forEach(ServiceTree::release);
      list.removeAll(ended);
      record(instanceKey);
    }
  }

  private void record(String instanceKey) {
    registry.save(instanceKey, List.copyOf(byInstance.getOrDefault(instanceKey, List.of())));
  }

  private void reportExit(SupervisedProcess process, Integer exitCode) {
    boolean expected = stopping.remove(process);
    if (!expected && (exitCode == null || exitCode == 0) && ServiceTree.othersLeft(process)) {
      LOG.infof(
          "%s %s: pid %d exited, what it started runs on: a daemon, followed by its %s",
          process.instanceKey(),
          process.name(),
          process.pid(),
          process.cgroup() != null ? "cgroup" : "session");
      return;
    }
    if (!expected && ServiceTree.othersLeft(process)) {
      ServiceTree.signal(process, true); // a crash's leftovers would hold its ports on restart
    }
    ServiceTree.release(process);
    String tail = LogTail.of(Path.of(process.logFile()), TAIL_BYTES);
    ProcessExit exit = new ProcessExit(process, exitCode, expected, tail);
    for (Consumer<ProcessExit> listener : exitListeners) {
      listener.accept(exit);
    }
  }
}
