package io.ays.executor.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ays.contracts.Phase;
import io.ays.contracts.PhaseOutcome;
import io.ays.executor.action.ActionContext;
import io.ays.executor.action.ActionOutcome;
import io.ays.executor.action.DefaultActions;
import io.ays.executor.metrics.ContainerMeters;
import io.ays.executor.metrics.RestartTracker;
import io.ays.executor.process.PortProbe;
import io.ays.executor.process.ProcessExit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container template's whole lifecycle on the node's real Docker engine (or another
 * Docker-compatible one: {@code -Days.container.host}, {@link EngineCli}): its image built from the
 * Dockerfile in the instance's data (nothing pulled), started with its port published on the
 * loopback, a {@code docker kill} reported at once as an unexpected exit and healed by a start, an
 * executor restarted meanwhile adopting the container instead of starting a second one, a stop
 * within timeout_stop, and removedata leaving no container and no volume AYS created; all along,
 * the executor's container series ({@link ContainerMeters}) and the count its heartbeat sends
 * follow.
 *
 * <p>Needs a Docker engine and the local base image: run with {@code -Days.docker.test=true} after
 * {@code bash deploy/ci/prepare-docker.sh --no-build} (as {@code .ci/run} does).
 */
class ContainerLifecycleTest {

  private static final String KEY = "demo/web/main";
  private static final String NODE =
      "container-test-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String BASE_IMAGE =
      System.getProperty("ays.base.image", "ays-base:bookworm-jre17");
  private static final String IMAGE = "ays-test/container-web:test";

  @TempDir Path tmp;
  private final PortProbe probe = new PortProbe("127.0.0.1");
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeAll
  static void requireEngine() {
    assumeTrue(
        Boolean.getBoolean("ays.docker.test"),
        "needs a Docker engine with the image "
            + BASE_IMAGE
            + ": run `bash deploy/ci/prepare-docker.sh --no-build` (as root), then the test with"
            + " -Days.docker.test=true (.ci/run does both)");
    EngineCli.aimClient();
  }

  @AfterEach
  void cleanUp() throws Exception {
    List<String> ids = containerIds();
    if (!ids.isEmpty()) {
      List<String> rm = new ArrayList<>(List.of("rm", "-f", "-v"));
      rm.addAll(ids);
      docker(rm.toArray(String[]::new));
    }
    for (String volume : volumes()) {
      docker("volume", "rm", "-f", volume);
    }
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
  }

  @Test
  void aContainerIsStartedKilledHealedAdoptedStoppedAndRemoved() throws Exception {
    int port = freePort();
    Path instanceDir = tmp.resolve("instance");
    // What git.export would have put in the instance's folder: a Dockerfile FROM the local base.
    Path build = Files.createDirectories(instanceDir.resolve("docker"));
    Files.writeString(
        build.resolve("Dockerfile"),
        "FROM " + BASE_IMAGE + "\nCMD [\"python3\", \"-u\", \"-m\", \"http.server\", \"8000\"]\n");
    Map<String, Object> config =
        Map.of(
            "service.process.1",
            Map.of(
                "image", IMAGE,
                "build", "docker",
                "portsforwards", "8000:" + port,
                "volumes", "/data:data",
                "env", Map.of("GREETING", "hello"),
                "memory", "128m",
                "timeout_start", "30",
                "timeout_stop", "5"));

    List<ProcessExit> exits = new CopyOnWriteArrayList<>();
    ContainerSupervisor containers = containers();
    containers.onExit(exits::add);
    // The executor's series about its containers, as /q/metrics shows them.
    MeterRegistry meters = new SimpleMeterRegistry();
    new ContainerMeters(meters, containers, new RestartTracker(meters));
    DefaultActions defaults = defaults(containers);

    ActionOutcome started = defaults.run(Phase.START, context(Phase.START, config, instanceDir));
    assertThat(started.outcome()).as(started.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
    assertThat(probe.isOpen(port)).as("the published port answers").isTrue();
    assertThat(up(defaults, config, instanceDir)).isTrue();
    assertThat(containerIds()).hasSize(1);
    String first = containerIds().get(0);
    assertThat(docker("inspect", "-f", "{{.HostConfig.Memory}} {{.Config.Env}}", first))
        .contains(String.valueOf(128 << 20))
        .contains("GREETING=hello");
    assertThat(volumes()).as("the named volume AYS created").hasSize(1);
    assertThat(containers.runningCount()).as("what the heartbeat says").isEqualTo(1);
    assertThat(counts(meters)).isEqualTo("running=1 exited=0 crashed=0 stopped=0 restarts=0");

    docker("kill", first);
    await(() -> !exits.isEmpty(), "the kill is reported from the engine's events");
    assertThat(exits.get(0).expected()).isFalse();
    assertThat(exits.get(0).process().instanceKey()).isEqualTo(KEY);
    assertThat(exits.get(0).process().name()).isEqualTo("process.1");
    assertThat(exits.get(0).exitCode()).isEqualTo(137);
    assertThat(up(defaults, config, instanceDir)).isFalse();
    assertThat(containers.runningCount()).isZero();
    assertThat(counts(meters)).isEqualTo("running=0 exited=1 crashed=1 stopped=0 restarts=0");

    // The heal the monitor asks for: start again (the killed container is replaced).
    ActionOutcome healed = defaults.run(Phase.START, context(Phase.START, config, instanceDir));
    assertThat(healed.outcome()).as(healed.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
    assertThat(probe.isOpen(port)).isTrue();
    assertThat(containerIds()).hasSize(1).doesNotContain(first);
    assertThat(counts(meters))
        .as("the heal is a restart")
        .isEqualTo("running=1 exited=0 crashed=1 stopped=0 restarts=1");

    // A restarted executor: a new client and supervisor adopt the running container.
    ContainerSupervisor next = containers();
    List<ProcessExit> nextExits = new CopyOnWriteArrayList<>();
    next.onExit(nextExits::add);
    MeterRegistry nextMeters = new SimpleMeterRegistry();
    new ContainerMeters(nextMeters, next, new RestartTracker(nextMeters));
    assertThat(next.adopt(key -> instanceDir))
        .extracting(ContainerRun::instanceKey)
        .containsExactly(KEY);
    DefaultActions afterRestart = defaults(next);
    assertThat(up(afterRestart, config, instanceDir)).isTrue();
    ActionOutcome again = afterRestart.run(Phase.START, context(Phase.START, config, instanceDir));
    assertThat(again.message()).isEqualTo("already up");
    assertThat(containerIds()).as("no second container").hasSize(1);
    assertThat(counts(nextMeters))
        .as("the adopted container counts")
        .isEqualTo("running=1 exited=0 crashed=0 stopped=0 restarts=0");

    ActionOutcome stopped = afterRestart.run(Phase.STOP, context(Phase.STOP, config, instanceDir));
    assertThat(stopped.message()).isEqualTo("stopped");
    assertThat(probe.isOpen(port)).isFalse();
    await(() -> !nextExits.isEmpty(), "the stop is seen on the event stream");
    assertThat(nextExits.get(0).expected()).as("a stop is not a crash").isTrue();
    assertThat(counts(nextMeters)).isEqualTo("running=0 exited=1 crashed=0 stopped=1 restarts=0");
    assertThat(up(afterRestart, config, instanceDir)).isFalse();
    assertThat(Files.readString(instanceDir.resolve("process.1.log")))
        .as("the container's output is in the instance's log")
        .contains("Serving HTTP on");

    ActionOutcome removed =
        afterRestart.run(Phase.REMOVEDATA, context(Phase.REMOVEDATA, config, instanceDir));
    assertThat(removed.outcome()).as(removed.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
    assertThat(containerIds()).as("no container left").isEmpty();
    assertThat(volumes()).as("no volume AYS created left").isEmpty();
    assertThat(counts(nextMeters))
        .as("removed: no longer counted")
        .isEqualTo("running=0 exited=0 crashed=0 stopped=1 restarts=0");
  }

  /** The container series of {@link ContainerMeters} and the restarts, in one line. */
  private static String counts(MeterRegistry meters) {
    return "running=%d exited=%d crashed=%d stopped=%d restarts=%d"
        .formatted(
            (long) meters.get("ays.executor.containers").tag("state", "running").gauge().value(),
            (long) meters.get("ays.executor.containers").tag("state", "exited").gauge().value(),
            exits(meters, "crashed"),
            exits(meters, "stopped"),
            (long) meters.get("ays.executor.restarts").counter().count());
  }

  private static long exits(MeterRegistry meters, String cause) {
    return (long) meters.get("ays.executor.container.exits").tag("cause", cause).counter().count();
  }

  @Test
  void anImageThatIsNotOnTheEngineFailsTheStartNamingIt() throws Exception {
    Map<String, Object> config =
        Map.of("service.process.1", Map.of("image", "ays-test/absent:never"));
    ActionOutcome outcome =
        defaults(containers()).run(Phase.START, context(Phase.START, config, tmp));
    assertThat(outcome.outcome()).isEqualTo(PhaseOutcome.FAILED);
    assertThat(outcome.message())
        .contains(
            "process.1: image 'ays-test/absent:never' is not on this node's container engine");
  }

  private boolean up(DefaultActions defaults, Map<String, Object> config, Path instanceDir)
      throws InterruptedException {
    return Boolean.TRUE.equals(
        defaults.run(Phase.CHECK_UP, context(Phase.CHECK_UP, config, instanceDir)).up());
  }

  private ContainerSupervisor containers() {
    DockerEngine engine = new DockerEngine();
    ContainerSupervisor containers = new ContainerSupervisor(engine, NODE);
    toClose.add(containers);
    toClose.add(engine);
    return containers;
  }

  private DefaultActions defaults(ContainerSupervisor containers) {
    DockerEngine engine = new DockerEngine();
    toClose.add(engine);
    return ContainerDefaultActions.of(
        tmp, containers, new ContainerImages(engine, 1 << 20, Duration.ofMinutes(1)));
  }

  private static ActionContext context(Phase phase, Map<String, Object> config, Path dir) {
    return PhaseContexts.of(KEY, NODE, phase, config, dir);
  }

  private static List<String> containerIds() throws Exception {
    return lines(docker("ps", "-aq", "--filter", "label=io.ays.node=" + NODE));
  }

  private static List<String> volumes() throws Exception {
    return lines(docker("volume", "ls", "-q", "--filter", "label=io.ays.node=" + NODE));
  }

  private static List<String> lines(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private static String docker(String... args) throws Exception {
    return EngineCli.docker(args);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within 20 s");
      }
      Thread.sleep(50);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
