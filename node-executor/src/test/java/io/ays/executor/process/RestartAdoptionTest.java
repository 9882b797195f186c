package io.ays.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.ExecutionRole;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.TemplateRef;
import io.ays.executor.action.ActionContext;
import io.ays.executor.action.ActionOutcome;
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
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executor killed (SIGKILL, in its own JVM) while its service runs: the service survives, and
 * the next executor adopts it by pid and start time, reports it up without ports (by the adopted
 * pid), does not start it twice, and can still stop it.
 */
class RestartAdoptionTest {

  private static final String KEY = "demo/web/main";

  @TempDir Path tmp;
  private final PortProbe probe = new PortProbe("127.0.0.1");
  private final List<Long> toKill = new CopyOnWriteArrayList<>();

  @AfterEach
  void cleanUp() {
    toKill.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  @Test
  void aRestartedExecutorAdoptsTheServiceInsteadOfStartingItTwice() throws Exception {
    int port = freePort();
    long servicePid =
        runStandInAndKillIt("python3 -m http.server " + port + " --bind 127.0.0.1", port);
    assertThat(probe.isOpen(port)).as("the service outlived its executor").isTrue();

    ProcessSupervisor next = supervisor();
    List<ProcessExit> exits = new CopyOnWriteArrayList<>();
    next.onExit(exits::add);
    ProcessSupervisor.Adoption adoption = next.adopt();
    assertThat(adoption.adopted()).extracting(SupervisedProcess::pid).containsExactly(servicePid);

    DefaultActions defaults = defaults(next);
    ActionContext context = context(Phase.START);
    assertThat(defaults.run(Phase.CHECK_UP, context).up())
        .as("no ports declared: up by the adopted pid")
        .isTrue();
    ActionOutcome started = defaults.run(Phase.START, context);
    assertThat(started.message()).isEqualTo("already up");
    assertThat(next.all()).hasSize(1);

    defaults.run(Phase.STOP, context(Phase.STOP));
    assertThat(ProcessHandle.of(servicePid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(probe.isOpen(port)).isFalse();
    assertThat(defaults.run(Phase.CHECK_UP, context).up()).isFalse();
    Await.until(() -> !exits.isEmpty(), Duration.ofSeconds(30));
    assertThat(exits.get(0).expected()).isTrue();
    assertThat(supervisor().adopt().adopted())
        .as("a stopped service is not adopted again")
        .isEmpty();
  }

  @Test
  void anExecutorKilledBetweenTheLaunchAndTheRecordOfThePidAdoptsTheServiceByItsIntent()
      throws Exception {
    int port = freePort();
    Path marker = tmp.resolve("launched.pid");
    Process jvm =
        standIn("python3 -m http.server " + port + " --bind 127.0.0.1", marker.toString());
    Await.until(
        () -> Files.exists(marker) && !readQuietly(marker).isEmpty(), Duration.ofSeconds(60));
    long servicePid = Long.parseLong(readQuietly(marker));
    toKill.add(servicePid);
    jvm.destroyForcibly(); // killed after the launch, before the pid was recorded
    assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Await.until(() -> probe.isOpen(port), Duration.ofSeconds(30));
    assertThat(new ProcessRegistry(tmp.resolve("supervised")).load())
        .as("no pid was recorded")
        .isEmpty();

    ProcessSupervisor next = supervisor();
    ProcessSupervisor.Adoption adoption = next.adopt();
    assertThat(adoption.adopted()).extracting(SupervisedProcess::pid).containsExactly(servicePid);
    assertThat(new ProcessRegistry(tmp.resolve("supervised")).loadIntents())
        .as("the intent is settled")
        .isEmpty();

    DefaultActions defaults = defaults(next);
    assertThat(defaults.run(Phase.START, context(Phase.START)).message()).isEqualTo("already up");
    defaults.run(Phase.STOP, context(Phase.STOP));
    assertThat(ProcessHandle.of(servicePid).map(ProcessHandle::isAlive).orElse(false))
        .as("stop reached the adopted service")
        .isFalse();
    assertThat(supervisor().adopt().adopted()).as("nothing is left to adopt").isEmpty();
  }

  @Test
  void anIntentWhoseProcessNeverStartedIsDropped() throws Exception {
    ProcessRegistry registry = new ProcessRegistry(tmp.resolve("supervised"));
    registry.saveIntent(
        new LaunchIntent(
            KEY, "process.1", UUID.randomUUID().toString(), tmp.resolve("p.log").toString()));

    assertThat(supervisor().adopt().adopted()).isEmpty();
    assertThat(registry.loadIntents()).isEmpty();
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      return "";
    }
  }

  /** An executor stand-in in its own JVM; {@code extra} are its optional arguments. */
  private Process standIn(String commandLine, String... extra) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ExecutorStandIn.class.getName(),
                tmp.resolve("supervised").toString(),
                tmp.toString(),
                tmp.resolve("process.1.log").toString(),
                commandLine));
    command.addAll(List.of(extra));
    Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
    toKill.add(jvm.pid());
    return jvm;
  }

  @Test
  void aRecordedPidNowHeldByAnotherProcessIsNeitherAdoptedNorSignalled() throws Exception {
    Process stranger = new ProcessBuilder("sleep", "60").start();
    toKill.add(stranger.pid());
    new ProcessRegistry(tmp.resolve("supervised"))
        .save(
            KEY,
            List.of(
                new SupervisedProcess(
                    KEY,
                    "process.1",
                    stranger.pid(),
                    Instant.now(),
                    ProcStat.startTicks(stranger.pid()).getAsLong() - 1, // an earlier process
                    tmp.resolve("p.log").toString())));

    ProcessSupervisor next = supervisor();
    ProcessSupervisor.Adoption adoption = next.adopt();
    next.halt(KEY, Duration.ofSeconds(2));

    assertThat(adoption.adopted()).isEmpty();
    assertThat(adoption.gone()).hasSize(1);
    assertThat(stranger.isAlive()).isTrue();
  }

  /** Runs an executor stand-in in a new JVM, waits for its service, SIGKILLs the JVM. */
  private long runStandInAndKillIt(String commandLine, int port) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process jvm =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ExecutorStandIn.class.getName(),
                tmp.resolve("supervised").toString(),
                tmp.toString(),
                tmp.resolve("process.1.log").toString(),
                commandLine)
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
    toKill.add(pid);
    Await.until(() -> probe.isOpen(port), Duration.ofSeconds(30));
    jvm.destroyForcibly(); // SIGKILL: no shutdown hook, no chance to tidy up
    assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return pid;
  }

  private ProcessSupervisor supervisor() {
    return new ProcessSupervisor(new ProcessRegistry(tmp.resolve("supervised")), 1 << 20, 2);
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
    // process.1 declares no ports: only the supervised pid can say whether it runs.
    Map<String, Object> config =
        Map.of("service.process.1", Map.of("cmd", "python3", "args", "-m http.server"));
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
            new TemplateRef("demo", "web", "0".repeat(64)),
            config,
            60,
            Instant.now().plusSeconds(60));
    return new ActionContext(command, tmp, tmp, tmp, config);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
