package io.ays.executor.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ays.contracts.ExecutionRole;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.TemplateRef;
import io.ays.executor.action.ActionContext;
import io.ays.executor.action.ConfigFiles;
import io.ays.executor.action.DefaultActions;
import io.ays.executor.binary.ExportPaths;
import io.ays.executor.binary.GitCache;
import io.ays.executor.binary.GitExporter;
import io.ays.executor.binary.GitSources;
import io.ays.executor.node.NodePlatform;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Services that fork away from their main process (a double fork, a child in a new session) are
 * still stopped and halted, with nothing of them left: by their cgroup where cgroup2 is writable
 * (root here), by their session in the fallback. Every process of a test's service carries a token
 * in its environment, and "nothing left" means no process on the machine carries it.
 */
class ContainmentTest {

  private static final String KEY = "demo/daemon/main";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path tmp;
  private final String token = UUID.randomUUID().toString();
  private final String parent = "ays-test-" + UUID.randomUUID();
  private final List<ProcessSupervisor> supervisors = new CopyOnWriteArrayList<>();
  private final List<Long> toKill = new CopyOnWriteArrayList<>();

  @AfterEach
  void cleanUp() throws IOException {
    toKill.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    supervisors.forEach(s -> s.halt(KEY, Duration.ofSeconds(5)));
    tokenHolders().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    Optional<Path> mount = CgroupMount.find();
    if (mount.isPresent() && Files.isDirectory(mount.get().resolve(parent))) {
      try (Stream<Path> dirs = Files.walk(mount.get().resolve(parent))) {
        for (Path dir :
            dirs.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
          Cgroup.kill(dir);
          awaitQuietly(() -> !Cgroup.isPopulated(dir));
          Files.deleteIfExists(dir);
        }
      }
    }
  }

  @Test
  void stopEndsADaemonThatDoubleForkedAndLeftItsCgroupToIt() throws Exception {
    ProcessSupervisor supervisor = cgroupSupervisor();
    SupervisedProcess started = supervisor.start(KEY, launch("(sleep 1000 &); echo ready"));
    Await.until(() -> !started.isMainAlive() && !tokenHolders().isEmpty(), WAIT);
    assertThat(started.cgroup()).startsWith(cgroupParentDir().toString());
    assertThat(supervisor.running(KEY))
        .as("exited with status 0 leaving a daemon: it runs on, followed by its cgroup")
        .containsExactly(started);

    assertThat(supervisor.stop(KEY, WAIT)).isTrue();
    assertThat(tokenHolders()).as("no process of the service is left").isEmpty();
    supervisor.forgetEnded(KEY);
    assertThat(Path.of(started.cgroup())).as("its cgroup is removed").doesNotExist();
  }

  @Test
  void aServiceStartedAsTheJdksChildEntersItsCgroupToo() throws Exception {
    Containment containment = assumeCgroups();
    ProcessSupervisor supervisor =
        track(
            new ProcessSupervisor(
                new ProcessRegistry(tmp.resolve("supervised")),
                1 << 20,
                2,
                Optional.empty(), // -Days.executor.jdk-reaper=true
                LaunchPausePoint.NONE,
                containment));
    SupervisedProcess started =
        supervisor.start(KEY, launch("setsid -f sleep 1000; exec sleep 1000"));
    Await.until(() -> tokenHolders().size() == 2, WAIT);
    assertThat(Cgroup.pids(Path.of(started.cgroup())))
        .containsExactlyInAnyOrderElementsOf(tokenHolders());

    assertThat(supervisor.stop(KEY, WAIT)).isTrue();
    assertThat(tokenHolders()).isEmpty();
  }

  @Test
  void haltEndsAChildThatStartedASessionOfItsOwnAndIgnoresSigterm() throws Exception {
    ProcessSupervisor supervisor = cgroupSupervisor();
    supervisor.start(
        KEY,
        launch("setsid sh -c 'trap \"\" TERM; echo ready; exec sleep 1000' & exec sleep 1000"));
    Await.until(() -> log().contains("ready") && tokenHolders().size() == 2, WAIT);
    long escaped =
        tokenHolders().stream()
            .filter(pid -> ProcStat.runningSessionId(pid).getAsLong() == pid)
            .filter(pid -> supervisor.all().stream().noneMatch(p -> p.pid() == pid))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the child did not start its own session"));

    assertThat(supervisor.stop(KEY, Duration.ofMillis(700))).as("it ignores SIGTERM").isFalse();
    assertThat(tokenHolders()).containsExactly(escaped);
    assertThat(supervisor.running(KEY)).as("its cgroup still holds a process").hasSize(1);

    assertThat(supervisor.halt(KEY, WAIT)).isTrue();
    assertThat(tokenHolders()).isEmpty();
  }

  @Test
  void aCrashLeavesNothingBehindForTheRestart() throws Exception {
    ProcessSupervisor supervisor = cgroupSupervisor();
    List<ProcessExit> exits = new CopyOnWriteArrayList<>();
    supervisor.onExit(exits::add);
    supervisor.start(KEY, launch("(sleep 1000 &); echo dying; exit 3"));

    Await.until(() -> exits.size() == 1, WAIT);
    assertThat(exits.get(0).exitCode()).isEqualTo(3);
    assertThat(exits.get(0).expected()).isFalse();
    Await.until(() -> tokenHolders().isEmpty(), WAIT);
    assertThat(supervisor.running(KEY)).isEmpty();
  }

  @Test
  void theForcedSessionFallbackStopsADoubleForkThatKeepsItsSession() throws Exception {
    ProcessSupervisor supervisor =
        track(
            new ProcessSupervisor(
                new ProcessRegistry(tmp.resolve("supervised")),
                1 << 20,
                2,
                ChildReaper.shared(),
                LaunchPausePoint.NONE,
                Containment.detect(parent, "n1", true)));
    assertThat(supervisor.containment())
        .as("ays.executor.containment.force-session chooses the fallback")
        .isEqualTo(Containment.Mode.SESSION);
    SupervisedProcess started = supervisor.start(KEY, launch("(sleep 1000 &); echo ready"));
    Await.until(() -> !started.isMainAlive() && !tokenHolders().isEmpty(), WAIT);
    assertThat(started.cgroup()).isNull();
    assertThat(supervisor.running(KEY)).as("its session still holds the daemon").hasSize(1);

    assertThat(supervisor.stop(KEY, WAIT)).isTrue();
    assertThat(tokenHolders()).isEmpty();
  }

  @Test
  void uninstallLeavesNeitherProcessNorCgroupBehind() throws Exception {
    ProcessSupervisor supervisor = cgroupSupervisor();
    SupervisedProcess started =
        supervisor.start(KEY, launch("setsid -f sleep 1000; exec sleep 1000"));
    Await.until(() -> tokenHolders().size() == 2, WAIT);
    DefaultActions defaults = defaults(supervisor);

    for (Phase phase : List.of(Phase.STOP, Phase.CHECK_DOWN, Phase.UNINSTALL, Phase.REMOVEDATA)) {
      defaults.run(phase, context(phase));
    }
    assertThat(tokenHolders()).isEmpty();
    assertThat(Path.of(started.cgroup())).doesNotExist();
    assertThat(supervisor.all()).isEmpty();
  }

  @Test
  void aRestartedExecutorFindsTheCgroupAndHaltsTheWholeTree() throws Exception {
    assumeCgroups();
    long mainPid = runStandInAndKillIt("setsid -f sleep 1000; exec sleep 1000");
    Await.until(() -> tokenHolders().size() == 2, WAIT);

    ProcessSupervisor next = cgroupSupervisor();
    ProcessSupervisor.Adoption adoption = next.adopt();
    assertThat(adoption.adopted()).extracting(SupervisedProcess::pid).containsExactly(mainPid);
    SupervisedProcess adopted = adoption.adopted().get(0);
    assertThat(adopted.cgroup()).as("the cgroup survived the executor").isNotNull();
    assertThat(Cgroup.pids(Path.of(adopted.cgroup())))
        .containsExactlyInAnyOrderElementsOf(tokenHolders());

    assertThat(next.halt(adopted.instanceKey(), WAIT)).isTrue();
    assertThat(tokenHolders()).as("the daemon in its own session went too").isEmpty();
    next.forgetEnded(adopted.instanceKey());
    assertThat(Path.of(adopted.cgroup())).doesNotExist();
  }

  private ProcessSupervisor cgroupSupervisor() {
    Containment containment = assumeCgroups();
    return track(
        new ProcessSupervisor(
            new ProcessRegistry(tmp.resolve("supervised")),
            1 << 20,
            2,
            ChildReaper.shared(),
            LaunchPausePoint.NONE,
            containment));
  }

  private Containment assumeCgroups() {
    Containment containment = Containment.detect(parent, "n1", false);
    assumeTrue(
        containment.mode() == Containment.Mode.CGROUP2,
        "cgroup2 is not writable here (not root, no cgroup2 mount, or a read-only /sys)");
    return containment;
  }

  private Path cgroupParentDir() {
    return CgroupMount.find().orElseThrow().resolve(parent);
  }

  private ProcessSupervisor track(ProcessSupervisor supervisor) {
    supervisors.add(supervisor);
    return supervisor;
  }

  private ProcessLaunch launch(String commandLine) {
    return new ProcessLaunch(
        "process.1", commandLine, tmp, Map.of("CONTAIN_TOKEN", token), tmp.resolve("p.log"));
  }

  private String log() {
    return LogTail.of(tmp.resolve("p.log"), 1000);
  }

  /** Every process on the machine that carries this test's token: the service and its offspring. */
  private List<Long> tokenHolders() {
    byte[] entry = ("CONTAIN_TOKEN=" + token).getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .filter(pid -> ProcStat.runningStartTicks(pid).isPresent())
          .filter(pid -> holds(pid, entry))
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean holds(long pid, byte[] entry) {
    try {
      byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
      return new String(environ, StandardCharsets.UTF_8)
          .contains(new String(entry, StandardCharsets.UTF_8) + "\0");
    } catch (IOException e) {
      return false;
    }
  }

  /** An executor stand-in in its own JVM, contained by cgroups, SIGKILLed once its service runs. */
  private long runStandInAndKillIt(String commandLine) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process jvm =
        new ProcessBuilder(
                java.toString(),
                "-D" + ExecutorStandIn.CGROUP_PARENT + "=" + parent,
                "-cp",
                System.getProperty("java.class.path"),
                ExecutorStandIn.class.getName(),
                tmp.resolve("supervised").toString(),
                tmp.toString(),
                tmp.resolve("p.log").toString(),
                "export CONTAIN_TOKEN=" + token + "; " + commandLine)
            .redirectErrorStream(true)
            .start();
    toKill.add(jvm.pid());
    long pid;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream()))) {
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.startsWith("STARTED "));
      assertThat(line).as("the stand-in started the service").isNotNull();
      pid = Long.parseLong(line.substring("STARTED ".length()).trim());
    }
    jvm.destroyForcibly(); // SIGKILL: no shutdown hook, no chance to tidy up
    assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return pid;
  }

  private DefaultActions defaults(ProcessSupervisor supervisor) {
    ExportPaths paths = new ExportPaths(List.of(tmp.resolve("var")));
    return new DefaultActions(
        supervisor,
        new GitExporter(
            new GitCache(tmp.resolve("git")),
            paths,
            NodePlatform.current(),
            new GitSources(Optional.empty(), List.of(), true, false)),
        new ConfigFiles(paths));
  }

  private ActionContext context(Phase phase) {
    Map<String, Object> config =
        Map.of("service.process.1", Map.of("cmd", "sleep", "args", "1000", "timeout_stop", 10));
    PhaseCommand command =
        new PhaseCommand(
            UUID.randomUUID() + "/1/1",
            UUID.randomUUID(),
            1,
            1,
            InstanceKey.parse(KEY),
            NodeId.of("local"),
            ExecutionRole.NODE,
            phase,
            new TemplateRef("demo", "daemon", "0".repeat(64)),
            config,
            60,
            Instant.now().plusSeconds(60));
    return new ActionContext(command, tmp, tmp.resolve("instance"), tmp, config);
  }

  private static void awaitQuietly(java.util.function.BooleanSupplier condition) {
    try {
      Await.until(condition, Duration.ofSeconds(5));
    } catch (AssertionError | InterruptedException e) {
      // best effort: the rmdir below says whether it worked
    }
  }
}
