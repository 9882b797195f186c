package io.ays.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A kill -9 of the coordinator in the middle of a three-service install, then a restart: the
 * install completes, every phase ran exactly once on the executor (each hook appends to a journal),
 * and an uninstall then removes the three in reverse order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoordinatorCrashRecoveryEndToEndTest {

  private static final List<String> CHAIN = List.of("chain-base", "chain-mid", "chain-top");
  private static final List<String> HOOKED = List.of("init", "prepare", "configure");

  private AysCluster ays;
  private Path journal;

  @BeforeAll
  void startAys() throws Exception {
    Path projectDir = Path.of(System.getProperty("ays.project.dir"));
    Path workDir = projectDir.resolve("ays-e2e/target/crash-" + System.currentTimeMillis());
    Files.createDirectories(workDir);
    journal = workDir.resolve("journal.txt");
    Path repo = workDir.resolve("templates");
    TemplateRepository.create(repo, chainTemplates(journal));
    ays = new AysCluster(projectDir, workDir, "e2e=" + repo.toUri() + "#main");
  }

  @AfterAll
  void stopAys() {
    if (ays != null) {
      ays.close();
    }
  }

  @Test
  void anInstallInterruptedByACoordinatorKillCompletesWithEveryPhaseRunOnce() throws Exception {
    String body = "{\"domain\":\"e2e\",\"name\":\"chain-top\"}";
    awaitStatus(
        () -> ays.coordinator.post("/requests/install?dryRun=true", body).statusCode(), 200);
    assertThat(ays.coordinator.post("/requests/install", body).statusCode()).isEqualTo(202);

    // Kill the coordinator once the first service is part-way through its phases.
    awaitJournalLines(2);
    ays.crashAndRestartCoordinator();

    for (String name : CHAIN) {
      awaitState("e2e/" + name + "/main", "RUNNING", Duration.ofSeconds(120));
    }
    List<String> lines = Files.readAllLines(journal);
    assertThat(lines)
        .as("each hooked phase of each service ran exactly once")
        .doesNotHaveDuplicates()
        .hasSize(CHAIN.size() * HOOKED.size());
    assertThat(lines.get(0)).isEqualTo("e2e/chain-base/main init");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("e2e/chain-top/main configure");

    assertThat(ays.coordinator.post("/requests/uninstall", body).statusCode()).isEqualTo(202);
    for (String name : CHAIN) {
      awaitStatus(
          () -> ays.coordinator.get("/instances/e2e/" + name + "/main").statusCode(),
          404,
          Duration.ofSeconds(90));
    }
    assertThat(sleepers()).as("no process of the chain is left").isEmpty();
  }

  /** Three templates, each a long sleep, depending on each other, with journaling hooks. */
  private static Map<String, String> chainTemplates(Path journal) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < CHAIN.size(); i++) {
      String name = CHAIN.get(i);
      String dependency = i == 0 ? "" : "dependencies.1 =\n    name:'" + CHAIN.get(i - 1) + "',\n";
      files.put(
          name + "/service.hrd",
          "process.1 =\n    cmd:'sleep',\n    args:'" + (600 + i) + "',\n" + dependency);
      for (String phase : HOOKED) {
        // The pause widens the window in which the coordinator is killed mid-install.
        files.put(
            name + "/hooks/" + phase,
            "#!/bin/sh\necho \"$AYS_INSTANCE_KEY $AYS_PHASE\" >> '" + journal + "'\nsleep 1\n");
      }
    }
    return files;
  }

  private List<ProcessHandle> sleepers() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.matches(".*sleep 60[012]$")).orElse(false))
        .toList();
  }

  private void awaitJournalLines(int lines) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(journal) && Files.readAllLines(journal).size() >= lines) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the install never started its hooks; see " + ays.workDir);
  }

  private void awaitState(String key, String state, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = ays.coordinator.get("/instances/" + key).body();
      if (last.contains("\"state\":\"" + state + "\"")) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(key + " never reached " + state + "; last: " + last);
  }

  private interface Status {
    int get() throws Exception;
  }

  private static void awaitStatus(Status status, int expected) throws Exception {
    awaitStatus(status, expected, Duration.ofSeconds(60));
  }

  private static void awaitStatus(Status status, int expected, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (status.get() == expected) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("never got status " + expected);
  }
}
