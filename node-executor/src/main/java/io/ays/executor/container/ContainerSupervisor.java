package io.ays.executor.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import io.ays.executor.process.LogTail;
import io.ays.executor.process.ProcessExit;
import io.ays.model.template.ContainerSpec;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs the containers of this node's instances on the node's engine, with a process's lifecycle:
 * start creates and starts a container labelled with the instance, the node and the process entry
 * ({@link ContainerLabels}); its exit is seen at once on the engine's event stream and reported to
 * the {@link #onExit} listeners like a process exit (expected when AYS stopped it); stop lets the
 * engine send SIGTERM then SIGKILL after timeout_stop; halt kills it; remove deletes the instance's
 * containers and the volumes AYS created for it. Each container's output is appended to the
 * instance's {@code process.N.log}, where {@code ays logs} reads it.
 *
 * <p>Restart stays with AYS (the engine's restart policy is "no"): the monitor heals a crashed
 * container by policy as it heals a process. A restarted executor {@link #adopt adopts} the running
 * containers carrying its node id instead of starting them again.
 */
public final class ContainerSupervisor implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ContainerSupervisor.class);
  private static final int TAIL_BYTES = 4096;
  private static final String LOCALHOST = "127.0.0.1";

  private final DockerEngine engine;
  private final String nodeId;
  private final Map<String, ContainerRun> byId = new ConcurrentHashMap<>();

  /**
   * The last run of each instance's entry that exited and was not started again nor removed, keyed
   * by instance and entry: counted as exited, as the process supervisor counts its exited
   * processes.
   */
  private final Map<String, ContainerRun> exited = new ConcurrentHashMap<>();

  private final List<Consumer<ContainerRun>> startListeners = new CopyOnWriteArrayList<>();
  private final Set<String> stopping = ConcurrentHashMap.newKeySet();
  private final Map<String, Closeable> logFollowers = new ConcurrentHashMap<>();
  private final List<Consumer<ProcessExit>> exitListeners = new CopyOnWriteArrayList<>();
  private Closeable events;
  private volatile boolean closed;
  private volatile long lastEventSeconds;

  public ContainerSupervisor(DockerEngine engine, String nodeId) {
    this.engine = engine;
    this.nodeId = nodeId;
  }

  /** Registers a listener told of every exit of a container this supervisor runs. */
  public void onExit(Consumer<ProcessExit> listener) {
    exitListeners.add(listener);
  }

  /** Registers a listener told of every container this supervisor starts (not those it adopts). */
  public void onStart(Consumer<ContainerRun> listener) {
    startListeners.add(listener);
  }

  /** How many containers this supervisor runs now (started or adopted); asks the engine nothing. */
  public int runningCount() {
    return byId.size();
  }

  /**
   * How many of its containers exited (crashed, or stopped) and were neither started again nor
   * removed; asks the engine nothing.
   */
  public int exitedCount() {
    return exited.size();
  }

  /**
   * Starts the container of {@code launch} for {@code instanceKey}. One still running for the same
   * instance and entry is kept (it was adopted); a stopped one is replaced, so that a changed
   * configuration applies.
   */
  public ContainerRun start(String instanceKey, ContainerLaunch launch) throws IOException {
    DockerClient docker = engine.client();
    watchEvents();
    Files.createDirectories(launch.logFile().getParent());
    for (Container existing : list(instanceKey, launch.label())) {
      if ("running".equals(existing.getState())) {
        return track(existing.getId(), instanceKey, launch.label(), launch.logFile(), true);
      }
      docker.removeContainerCmd(existing.getId()).withForce(true).exec();
    }
    ContainerSpec spec = launch.spec();
    CreateContainerCmd create =
        docker
            .createContainerCmd(spec.image())
            .withName(ContainerLabels.name(nodeId, instanceKey, launch.label()))
            .withLabels(ContainerLabels.of(nodeId, instanceKey, launch.label()))
            .withEnv(
                launch.environment().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .toList());
    if (launch.commandLine() != null) {
      create.withEntrypoint("/bin/sh", "-c").withCmd(launch.commandLine());
    }
    // What "docker stop" by hand waits too, before SIGKILL.
    create.withStopTimeout((int) Math.max(1, launch.timeoutStop().toSeconds()));
    if (launch.user() != null) {
      create.withUser(launch.user());
    }
    HostConfig host =
        HostConfig.newHostConfig()
            .withRestartPolicy(RestartPolicy.noRestart())
            .withBinds(binds(docker, instanceKey, spec));
    if (!spec.ports().isEmpty()) {
      Ports bindings = new Ports();
      List<ExposedPort> exposed = new ArrayList<>();
      for (ContainerSpec.PortForward forward : spec.ports()) {
        ExposedPort port = ExposedPort.tcp(forward.containerPort());
        exposed.add(port);
        // Published on the loopback only: the node's other interfaces are not opened by AYS.
        bindings.bind(port, Ports.Binding.bindIpAndPort(LOCALHOST, forward.hostPort()));
      }
      create.withExposedPorts(exposed);
      host.withPortBindings(bindings);
    }
    if (spec.network() != null) {
      host.withNetworkMode(spec.network());
    }
    if (spec.memoryBytes() > 0) {
      host.withMemory(spec.memoryBytes());
    }
    if (spec.nanoCpus() > 0) {
      host.withNanoCPUs(spec.nanoCpus());
    }
    String id = create.withHostConfig(host).exec().getId();
    // No longer exited: replaced by this one (before it starts, so that its own exit counts).
    exited.remove(entryKey(instanceKey, launch.label()));
    // Tracked before it starts: an exit right after the start must be reported too.
    byId.put(
        id,
        new ContainerRun(
            id, instanceKey, launch.label(), 0, Instant.now(), launch.logFile().toString()));
    try {
      docker.startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      byId.remove(id);
      throw new ContainerException(
          launch.label()
              + ": container of image '"
              + spec.image()
              + "' did not start: "
              + e.getMessage());
    }
    ContainerRun run = track(id, instanceKey, launch.label(), launch.logFile(), false);
    for (Consumer<ContainerRun> listener : startListeners) {
      try {
        listener.accept(run);
      } catch (RuntimeException e) {
        LOG.warnf("%s: start listener failed: %s", instanceKey, e.getMessage());
      }
    }
    return run;
  }

  private static String entryKey(String instanceKey, String label) {
    return instanceKey + " " + label;
  }

  /**
   * Supervises the running containers of this node that a previous run of the executor started.
   *
   * @return the adopted containers
   */
  public List<ContainerRun> adopt(java.util.function.Function<String, Path> logFileOf) {
    watchEvents();
    List<ContainerRun> adopted = new ArrayList<>();
    for (Container container :
        engine
            .client()
            .listContainersCmd()
            .withShowAll(false)
            .withLabelFilter(Map.of(ContainerLabels.NODE, nodeId))
            .exec()) {
      Map<String, String> labels = container.getLabels();
      String instanceKey = labels.get(ContainerLabels.INSTANCE);
      String label = labels.get(ContainerLabels.PROCESS);
      if (instanceKey == null || label == null || byId.containsKey(container.getId())) {
        continue;
      }
      Path log = logFileOf.apply(instanceKey).resolve(label + ".log");
      adopted.add(track(container.getId(), instanceKey, label, log, true));
    }
    return adopted;
  }

  /** The containers of an instance that run. */
  public List<ContainerRun> running(String instanceKey) {
    return byId.values().stream().filter(run -> run.instanceKey().equals(instanceKey)).toList();
  }

  /**
   * Why the container of {@code label} is not up, or empty if it is: it runs and, if its image has
   * a HEALTHCHECK, the engine finds it healthy.
   */
  public Optional<String> notUp(String instanceKey, String label) {
    Optional<ContainerRun> run =
        running(instanceKey).stream().filter(r -> r.label().equals(label)).findFirst();
    if (run.isEmpty()) {
      return Optional.of(label + ": no container running");
    }
    InspectContainerResponse.ContainerState state;
    try {
      state = engine.client().inspectContainerCmd(run.get().containerId()).exec().getState();
    } catch (NotFoundException e) {
      return Optional.of(label + ": container removed");
    }
    if (!Boolean.TRUE.equals(state.getRunning())) {
      return Optional.of(label + ": container " + state.getStatus());
    }
    // Docker gives no Health without a HEALTHCHECK; Podman 4.3 gives one with an empty status.
    String health = state.getHealth() == null ? null : state.getHealth().getStatus();
    if (health != null && !health.isEmpty() && !"healthy".equals(health)) {
      return Optional.of(label + ": container " + health);
    }
    return Optional.empty();
  }

  /**
   * Stops the instance's containers: SIGTERM, then SIGKILL after {@code timeout} (by the engine).
   *
   * @return true if none runs any more
   */
  public boolean stop(String instanceKey, Duration timeout) {
    for (ContainerRun run : running(instanceKey)) {
      stopping.add(run.containerId());
      try {
        engine
            .client()
            .stopContainerCmd(run.containerId())
            .withTimeout((int) Math.max(1, timeout.toSeconds()))
            .exec();
      } catch (NotModifiedException | NotFoundException e) {
        // Already stopped or gone: the event stream says so.
      }
    }
    return noneRunning(instanceKey);
  }

  /** Kills the instance's containers; true if none runs any more. */
  public boolean halt(String instanceKey) {
    for (ContainerRun run : running(instanceKey)) {
      stopping.add(run.containerId());
      try {
        engine.client().killContainerCmd(run.containerId()).exec();
      } catch (ConflictException | NotFoundException e) {
        // Not running any more.
      }
    }
    return noneRunning(instanceKey);
  }

  /**
   * Removes the instance's containers of this node, running or not, and the volumes AYS created for
   * it.
   *
   * @return what was removed, for the action's message; on a node without an engine nothing was
   *     ever created there, so nothing is removed (an instance whose start failed for want of an
   *     engine can still be uninstalled)
   */
  public String remove(String instanceKey) {
    Optional<String> noEngine = engine.missing();
    if (noEngine.isPresent()) {
      return "no container to remove: " + noEngine.get();
    }
    exited.keySet().removeIf(key -> key.startsWith(instanceKey + " "));
    DockerClient docker = engine.client();
    int containers = 0;
    for (Container container : list(instanceKey, null)) {
      stopping.add(container.getId());
      docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
      containers++;
    }
    int volumes = 0;
    List<InspectVolumeResponse> found =
        docker
            .listVolumesCmd()
            .withFilter(
                "label",
                List.of(
                    ContainerLabels.NODE + "=" + nodeId,
                    ContainerLabels.INSTANCE + "=" + instanceKey))
            .exec()
            .getVolumes();
    for (InspectVolumeResponse volume : found == null ? List.<InspectVolumeResponse>of() : found) {
      docker.removeVolumeCmd(volume.getName()).exec();
      volumes++;
    }
    return "removed " + containers + " container(s) and " + volumes + " volume(s)";
  }

  @Override
  public synchronized void close() {
    closed = true;
    closeQuietly(events);
    logFollowers.values().forEach(ContainerSupervisor::closeQuietly);
    logFollowers.clear();
  }

  private boolean noneRunning(String instanceKey) {
    return list(instanceKey, null).stream().noneMatch(c -> "running".equals(c.getState()));
  }

  private List<Container> list(String instanceKey, String label) {
    Map<String, String> labels =
        label == null
            ? ContainerLabels.of(nodeId, instanceKey)
            : ContainerLabels.of(nodeId, instanceKey, label);
    return engine.client().listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
  }

  /** The mounts; a named volume is created, labelled with the instance, if it does not exist. */
  private List<Bind> binds(DockerClient docker, String instanceKey, ContainerSpec spec) {
    List<Bind> binds = new ArrayList<>();
    for (ContainerSpec.Mount mount : spec.volumes()) {
      String source = mount.source();
      if (mount.namedVolume()) {
        source = volumeName(instanceKey, mount.source());
        try {
          docker.inspectVolumeCmd(source).exec();
        } catch (NotFoundException e) {
          docker
              .createVolumeCmd()
              .withName(source)
              .withLabels(ContainerLabels.of(nodeId, instanceKey))
              .exec();
        }
      }
      binds.add(
          new Bind(
              source,
              new Volume(mount.containerPath()),
              mount.readOnly() ? AccessMode.ro : AccessMode.rw));
    }
    return binds;
  }

  /** A volume name of its own per node and instance: two instances never share one by accident. */
  public String volumeName(String instanceKey, String name) {
    return ContainerLabels.name(nodeId, instanceKey, name);
  }

  private ContainerRun track(
      String id, String instanceKey, String label, Path logFile, boolean adopted) {
    InspectContainerResponse inspected = engine.client().inspectContainerCmd(id).exec();
    Long pid = inspected.getState().getPidLong();
    Instant startedAt = parse(inspected.getState().getStartedAt());
    ContainerRun run =
        new ContainerRun(
            id, instanceKey, label, pid == null ? 0 : pid, startedAt, logFile.toString());
    if (!Boolean.TRUE.equals(inspected.getState().getRunning())) {
      // Ended before it could be tracked: report the exit the event stream may have told already.
      ContainerRun known = byId.remove(id);
      if (known != null || adopted) {
        reportExit(run, inspected.getState().getExitCodeLong());
      }
      return run;
    }
    byId.put(id, run);
    // A fresh container's whole output; an adopted one's from now (earlier lines are in the log).
    followLogs(id, logFile, adopted ? (int) Instant.now().getEpochSecond() : null);
    return run;
  }

  private void followLogs(String id, Path logFile, Integer since) {
    try {
      OutputStream out =
          Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      var command =
          engine
              .client()
              .logContainerCmd(id)
              .withStdOut(true)
              .withStdErr(true)
              .withFollowStream(true);
      if (since != null) {
        command.withSince(since);
      }
      Closeable follower =
          command.exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  try {
                    out.write(frame.getPayload());
                    out.flush();
                  } catch (IOException e) {
                    LOG.warnf("%s: cannot write %s: %s", id, logFile, e.getMessage());
                  }
                }

                @Override
                public void close() throws IOException {
                  super.close();
                  out.close();
                }
              });
      Closeable previous = logFollowers.put(id, follower);
      closeQuietly(previous);
    } catch (IOException e) {
      LOG.warnf("%s: its output is not logged: cannot open %s: %s", id, logFile, e.getMessage());
    }
  }

  /**
   * Subscribes once to the engine's events of this node's containers, acting on "die"; resubscribes
   * from the last event seen if the stream breaks (the engine restarted), so no exit is missed.
   */
  private synchronized void watchEvents() {
    if (events != null || closed) {
      return;
    }
    CountDownLatch subscribed = new CountDownLatch(1);
    var command =
        engine
            .client()
            .eventsCmd()
            .withEventTypeFilter(EventType.CONTAINER)
            // Not filtered by event on the engine: Podman 4.3's Docker API sends nothing at all
            // for event=die (tested); the node label keeps the stream to AYS's own containers.
            .withLabelFilter(Map.of(ContainerLabels.NODE, nodeId));
    if (lastEventSeconds > 0) {
      command.withSince(String.valueOf(lastEventSeconds));
    }
    events =
        command.exec(
            new ResultCallback.Adapter<Event>() {
              @Override
              public void onStart(Closeable stream) {
                super.onStart(stream);
                subscribed.countDown();
              }

              @Override
              public void onNext(Event event) {
                if (event.getTime() != null) {
                  lastEventSeconds = event.getTime();
                }
                if ("die".equals(event.getAction()) || "die".equals(event.getStatus())) {
                  onDie(event);
                }
              }

              @Override
              public void onError(Throwable error) {
                if (!closed) {
                  LOG.warnf("container event stream broke (%s): subscribing again", error);
                }
                resubscribe();
              }

              @Override
              public void onComplete() {
                resubscribe();
              }
            });
    try {
      // The engine sends nothing until an event: waiting for the stream to open is enough.
      subscribed.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void resubscribe() {
    synchronized (this) {
      events = null;
    }
    if (closed) {
      return;
    }
    Thread retry =
        new Thread(
            () -> {
              try {
                Thread.sleep(1000);
                watchEvents();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                LOG.warnf("container events: cannot subscribe again: %s", e.getMessage());
                resubscribe();
              }
            },
            "ays-container-events-retry");
    retry.setDaemon(true);
    retry.start();
  }

  private void onDie(Event event) {
    ContainerRun run = byId.remove(event.getId());
    if (run == null) {
      return;
    }
    String code =
        event.getActor() == null ? null : event.getActor().getAttributes().get("exitCode");
    reportExit(run, code == null ? null : Long.valueOf(code));
  }

  private void reportExit(ContainerRun run, Long exitCode) {
    boolean expected = stopping.remove(run.containerId());
    exited.put(entryKey(run.instanceKey(), run.label()), run);
    closeQuietly(logFollowers.remove(run.containerId()));
    ProcessExit exit =
        new ProcessExit(
            run.asProcess(),
            exitCode == null ? null : exitCode.intValue(),
            expected,
            LogTail.of(Path.of(run.logFile()), TAIL_BYTES));
    for (Consumer<ProcessExit> listener : exitListeners) {
      try {
        listener.accept(exit);
      } catch (RuntimeException e) {
        LOG.warnf("%s: exit listener failed: %s", run.instanceKey(), e.getMessage());
      }
    }
  }

  private static Instant parse(String time) {
    try {
      return time == null ? Instant.now() : Instant.parse(time);
    } catch (RuntimeException e) {
      return Instant.now();
    }
  }

  private static void closeQuietly(Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException e) {
      // Closing a stream: nothing else to do.
    }
  }
}
