package io.ays.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSupervisorTest {

  @TempDir Path dir;
  private ProcessSupervisor supervisor;

  @org.junit.jupiter.api.BeforeEach
  void newSupervisor() {
    supervisor = new ProcessSupervisor(new ProcessRegistry(dir.resolve("supervised")), 1 << 20, 2);
  }

  private final List<ProcessExit> exits = new CopyOnWriteArrayList<>();
  private final PortProbe probe = new PortProbe("127.0.0.1");

  @AfterEach
  void cleanUp() {
    supervisor.all().forEach(p -> supervisor.halt(p.instanceKey(), Duration.ofSeconds(5)));
  }

  @Test
  void startsARealServerAndStopsItGracefully() throws Exception {
    supervisor.onExit(exits::add);
    int port = freePort();
    supervisor.start("t/http/main", launch("python3 -m http.server " + port + " --bind 127.0.0.1"));

    Await.until(() -> probe.isOpen(port), Duration.ofSeconds(10));
    assertThat(supervisor.running("t/http/main")).hasSize(1);

    assertThat(supervisor.stop("t/http/main", Duration.ofSeconds(5))).isTrue();
    assertThat(probe.isOpen(port)).isFalse();
    Await.until(() -> exits.size() == 1, Duration.ofSeconds(5));
    assertThat(exits.get(0).expected()).as("an exit we asked for is not a crash").isTrue();
  }

  @Test
  void reportsACrashAsUnexpectedWithTheOutputTail() throws Exception {
    supervisor.onExit(exits::add);
    supervisor.start("t/crash/main", launch("echo booting; sleep 0.2; echo dying >&2; exit 3"));

    Await.until(() -> exits.size() == 1, Duration.ofSeconds(10));
    ProcessExit exit = exits.get(0);
    assertThat(exit.expected()).isFalse();
    assertThat(exit.exitCode()).isEqualTo(3);
    assertThat(exit.outputTail()).contains("booting").contains("dying");
  }

  @Test
  void haltKillsAProcessTreeThatIgnoresSigterm() throws Exception {
    SupervisedProcess stubborn =
        supervisor.start(
            "t/stubborn/main", launch("trap '' TERM; echo ready; while true; do sleep 0.1; done"));
    // Signal only once the trap is in place, or the shell would die of SIGTERM after all.
    Await.until(
        () -> LogTail.of(dir.resolve("out.log"), 100).contains("ready"), Duration.ofSeconds(5));

    assertThat(supervisor.stop("t/stubborn/main", Duration.ofMillis(700)))
        .as("SIGTERM is ignored")
        .isFalse();
    assertThat(supervisor.halt("t/stubborn/main", Duration.ofSeconds(5))).isTrue();
    assertThat(stubborn.isAlive()).isFalse();
    assertThat(supervisor.running("t/stubborn/main")).isEmpty();
  }

  @Test
  void neverSignalsAProcessItDidNotStart() throws Exception {
    Process stranger = new ProcessBuilder("sleep", "30").start();
    try {
      supervisor.start("t/mine/main", launch("sleep 30"));
      supervisor.halt("t/mine/main", Duration.ofSeconds(5));
      assertThat(stranger.isAlive()).isTrue();
    } finally {
      stranger.destroyForcibly();
    }
  }

  @Test
  void aRecycledPidIsNotTakenForOurProcess() {
    SupervisedProcess self =
        new SupervisedProcess(
            "t/x/main",
            "p",
            ProcessHandle.current().pid(),
            java.time.Instant.parse("2001-01-01T00:00:00Z"),
            ProcStat.startTicks(ProcessHandle.current().pid()).getAsLong() + 1,
            "out.log");
    assertThat(self.isAlive()).as("same pid, other start time").isFalse();
  }

  private ProcessLaunch launch(String commandLine) {
    return new ProcessLaunch("process.1", commandLine, dir, Map.of(), dir.resolve("out.log"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
