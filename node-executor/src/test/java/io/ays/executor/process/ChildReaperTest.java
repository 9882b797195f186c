package io.ays.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-thread reaper with real processes: services are the executor's own children without a JDK
 * thread each, exit codes and signals are reported as before, and orphans they leave behind do not
 * pile up as zombies. Also the JDK's reaping, kept where the reaper is not available.
 */
class ChildReaperTest {

  @TempDir Path dir;
  private final List<ProcessExit> exits = new CopyOnWriteArrayList<>();
  private ChildReaper reaper;
  private ProcessSupervisor supervisor;

  @BeforeEach
  void newSupervisor() {
    reaper = ChildReaper.shared().orElseThrow(() -> new AssertionError("Linux has the reaper"));
    supervisor = supervisor(java.util.Optional.of(reaper));
    supervisor.onExit(exits::add);
  }

  @AfterEach
  void cleanUp() {
    supervisor.all().forEach(p -> supervisor.halt(p.instanceKey(), Duration.ofSeconds(5)));
  }

  @Test
  void servicesAreOurChildrenWatchedByOneThreadNotOneEach() throws Exception {
    long reapersBefore = jdkReaperThreads();
    List<SupervisedProcess> started =
        IntStream.range(0, 20)
            .mapToObj(i -> start("t/s" + i + "/main", "sleep 60", "s" + i + ".log"))
            .toList();

    for (SupervisedProcess process : started) {
      assertThat(ProcessHandle.of(process.pid()).flatMap(ProcessHandle::parent))
          .as("the executor inherited the service from its launcher")
          .contains(ProcessHandle.current());
    }
    assertThat(reaper.watchedCount()).isGreaterThanOrEqualTo(20);
    // The launchers' JDK threads are pooled and few; they do not grow with the services.
    assertThat(jdkReaperThreads() - reapersBefore).isLessThan(20);
  }

  @Test
  void reportsExitCodesAndSignalsAsTheJdkDid() throws Exception {
    start("t/crash/main", "echo booting; sleep 0.2; echo dying >&2; exit 3", "crash.log");
    SupervisedProcess killed = start("t/killed/main", "sleep 60", "killed.log");

    ProcessHandle.of(killed.pid()).orElseThrow().destroyForcibly();
    Await.until(() -> exits.size() == 2, Duration.ofSeconds(10));

    ProcessExit crash = exitOf("t/crash/main");
    assertThat(crash.exitCode()).isEqualTo(3);
    assertThat(crash.expected()).isFalse();
    assertThat(crash.outputTail()).contains("booting").contains("dying");
    assertThat(exitOf("t/killed/main").exitCode()).as("128 + SIGKILL").isEqualTo(137);
    Await.until(() -> ProcessHandle.of(killed.pid()).isEmpty(), Duration.ofSeconds(5));
  }

  @Test
  void aProcessThatEndsAtOnceIsStillReportedWithItsCode() throws Exception {
    start("t/quick/main", "exit 5", "quick.log");
    Await.until(() -> exits.size() == 1, Duration.ofSeconds(10));
    assertThat(exits.get(0).exitCode()).isEqualTo(5);
  }

  @Test
  void orphansLeftByAServiceAreReapedBySweeps() throws Exception {
    // The shell exits at once; its background child is orphaned, inherited by us, and ends.
    start("t/orphaner/main", "(sleep 0.3; exit 7) & echo started", "orphaner.log");
    Await.until(() -> !zombieChildren().isEmpty(), Duration.ofSeconds(10));

    reaper.sweepOrphans();
    reaper.sweepOrphans();

    assertThat(zombieChildren()).isEmpty();
  }

  @Test
  void withoutTheReaperTheJdkReapsAndReportsTheSame() throws Exception {
    ProcessSupervisor jdkOnly = supervisor(java.util.Optional.empty());
    List<ProcessExit> jdkExits = new CopyOnWriteArrayList<>();
    jdkOnly.onExit(jdkExits::add);
    jdkOnly.start("t/jdk/main", launch("exit 4", "jdk.log"));
    Await.until(() -> jdkExits.size() == 1, Duration.ofSeconds(10));
    assertThat(jdkExits.get(0).exitCode()).isEqualTo(4);
  }

  private ProcessSupervisor supervisor(java.util.Optional<ChildReaper> withReaper) {
    return new ProcessSupervisor(
        new ProcessRegistry(dir.resolve("supervised")), 1 << 20, 2, withReaper);
  }

  private SupervisedProcess start(String key, String commandLine, String log) {
    try {
      return supervisor.start(key, launch(commandLine, log));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private ProcessLaunch launch(String commandLine, String log) {
    return new ProcessLaunch("process.1", commandLine, dir, Map.of(), dir.resolve(log));
  }

  private ProcessExit exitOf(String key) {
    return exits.stream()
        .filter(e -> e.process().instanceKey().equals(key))
        .findFirst()
        .orElseThrow();
  }

  private static List<Long> zombieChildren() {
    return ProcessHandle.current()
        .children()
        .map(ProcessHandle::pid)
        .filter(ProcStat::isZombie)
        .toList();
  }

  private static long jdkReaperThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("process reaper"))
        .count();
  }
}
