package io.ays.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The original's re-run rules with a real executor and a real server process: an install whose
 * template version and answers did not change, of an instance that is as asked, is UP_TO_DATE and
 * runs nothing; changed answers configure and restart it; {@code force} runs every phase; an
 * instance installed with {@code noStart} is up to date for another {@code noStart} install and is
 * started by a plain one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(SharedAysCluster.LOCK)
class RerunRulesEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AysCluster ays;
  private Path journal;

  @BeforeAll
  void startAys() throws Exception {
    Path projectDir = Path.of(System.getProperty("ays.project.dir"));
    Path workDir = projectDir.resolve("ays-e2e/target/rerun-" + System.currentTimeMillis());
    Files.createDirectories(workDir);
    journal = workDir.resolve("journal.txt");
    ays = SharedAysCluster.acquire();
    SharedAysCluster.publish(SharedAysCluster.E2E, serverTemplate(journal));
  }

  @AfterAll
  void stopAys() {
    SharedAysCluster.release();
    servers("").forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void unchangedIsUpToDateChangedAnswersReconfigureAndRestartForceRunsEverything()
      throws Exception {
    String key = "e2e/rerun/main";
    int first = AysCluster.freePort();
    install("main", first, false, false);
    awaitRun(key, "SUCCEEDED");
    awaitState(key, "RUNNING");
    long pid = onlyServer(first).pid();
    List<String> afterFirst = journal(key);
    assertThat(afterFirst)
        .containsExactly(key + " init port=" + first, key + " configure port=" + first);

    install("main", first, false, false);
    JsonNode unchanged = awaitRun(key, "UP_TO_DATE");
    assertThat(unchanged.path("steps")).as("an up-to-date install runs no phase").isEmpty();
    assertThat(journal(key)).as("no hook ran").isEqualTo(afterFirst);
    assertThat(onlyServer(first).pid()).as("the server was left alone").isEqualTo(pid);

    int second = AysCluster.freePort();
    install("main", second, false, false);
    JsonNode changed = awaitRun(key, "SUCCEEDED");
    assertThat(journal(key))
        .as("changed answers configure again, with the new values")
        .endsWith(key + " configure port=" + second);
    assertThat(status(changed, "stop")).as("the old server is stopped").isEqualTo("SUCCEEDED");
    assertThat(servers(" " + first + " ")).as("nothing serves the old port").isEmpty();
    long restarted = onlyServer(second).pid();
    assertThat(restarted).isNotEqualTo(pid);
    awaitState(key, "RUNNING");

    int linesBefore = journal(key).size();
    install("main", second, true, false);
    JsonNode forced = awaitRun(key, "SUCCEEDED");
    assertThat(journal(key).subList(linesBefore, linesBefore + 2))
        .as("force runs every phase though nothing changed")
        .containsExactly(key + " init port=" + second, key + " configure port=" + second);
    assertThat(status(forced, "stop")).isEqualTo("SUCCEEDED");
    assertThat(onlyServer(second).pid()).as("and restarts the server").isNotEqualTo(restarted);
    uninstall(key);
  }

  @Test
  void aNoStartInstanceIsUpToDateForNoStartAndStartedByAPlainInstall() throws Exception {
    String key = "e2e/rerun/quiet";
    int port = AysCluster.freePort();
    install("quiet", port, false, true);
    JsonNode installed = awaitRun(key, "SUCCEEDED");
    awaitState(key, "STOPPED");
    assertThat(phases(installed)).doesNotContain("start");
    assertThat(servers(" " + port + " ")).as("installed, not started").isEmpty();

    install("quiet", port, false, true);
    JsonNode again = awaitRun(key, "UP_TO_DATE");
    assertThat(again.path("steps")).isEmpty();
    awaitState(key, "STOPPED");

    install("quiet", port, false, false);
    JsonNode started = awaitRun(key, "SUCCEEDED");
    assertThat(phases(started)).contains("start");
    awaitState(key, "RUNNING");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    }
    uninstall(key);
  }

  @Test
  void resetMakesTheNextInstallRunEveryPhaseAndRemovedataLeavesAStoppedInstanceThatStartsAfresh()
      throws Exception {
    String key = "e2e/rerun/data";
    int port = AysCluster.freePort();
    install("data", port, false, false);
    awaitRun(key, "SUCCEEDED");
    awaitState(key, "RUNNING");
    long pid = onlyServer(port).pid();

    var reset = ays.coordinator.post("/instances/" + key + "/reset", "");
    assertThat(reset.statusCode()).as("reset: %s", reset.body()).isEqualTo(200);
    assertThat(onlyServer(port).pid()).as("a reset runs nothing").isEqualTo(pid);
    int linesBefore = journal(key).size();
    install("data", port, false, false);
    awaitRun(key, "SUCCEEDED");
    assertThat(journal(key).subList(linesBefore, journal(key).size()))
        .as("after a reset, the same install runs every phase again")
        .containsExactly(key + " init port=" + port, key + " configure port=" + port);
    awaitState(key, "RUNNING");

    String body = "{\"domain\":\"e2e\",\"name\":\"rerun\",\"instance\":\"data\"}";
    assertThat(ays.coordinator.post("/requests/removedata", body).statusCode()).isEqualTo(202);
    JsonNode removed = awaitRun(key, "SUCCEEDED");
    assertThat(phases(removed)).containsSubsequence("stop", "check_down", "removedata");
    awaitState(key, "STOPPED");
    assertThat(servers(" " + port + " ")).as("removedata stops the service first").isEmpty();
    assertThat(journal(key)).endsWith(key + " removedata port=" + port);

    linesBefore = journal(key).size();
    assertThat(ays.coordinator.post("/requests/start", body).statusCode()).isEqualTo(202);
    JsonNode started = awaitRun(key, "SUCCEEDED");
    assertThat(phases(started)).containsSubsequence("init", "configure", "start");
    assertThat(journal(key).subList(linesBefore, journal(key).size()))
        .as("a start after removedata installs the instance again before starting it")
        .containsExactly(key + " init port=" + port, key + " configure port=" + port);
    awaitState(key, "RUNNING");
    onlyServer(port);
    uninstall(key);
  }

  /** The journal's lines of {@code key} (both tests write to it). */
  private List<String> journal(String key) throws Exception {
    if (!Files.exists(journal)) {
      return List.of();
    }
    return Files.readAllLines(journal).stream().filter(l -> l.startsWith(key + " ")).toList();
  }

  /**
   * A real HTTP server on the answered port; init, configure and removedata hooks journal the port.
   */
  private static Map<String, String> serverTemplate(Path journal) {
    String hook =
        "#!/bin/sh\necho \"$AYS_INSTANCE_KEY $AYS_PHASE port=$AYS_CFG_INSTANCE_PARAM_PORT\" >> '"
            + journal
            + "'\n";
    return Map.of(
        "rerun/service.hrd",
        """
        process.1 =
            cmd:'python3',
            args:'-m http.server $(instance.param.port) --bind 127.0.0.1 --directory .',
            ports:'$(instance.param.port)',
            timeout_start:'20',
            timeout_stop:'5',
        """,
        "rerun/instance.hrd",
        "param.port = @ASK type:int minValue:1024 maxValue:65535 descr:'port to listen on'\n",
        "rerun/hooks/init",
        hook,
        "rerun/hooks/configure",
        hook,
        "rerun/hooks/removedata",
        hook);
  }

  private void install(String instance, int port, boolean force, boolean noStart) throws Exception {
    String body =
        "{\"domain\":\"e2e\",\"name\":\"rerun\",\"instance\":\""
            + instance
            + "\",\"answers\":{\"param.port\":"
            + port
            + "},\"force\":"
            + force
            + ",\"noStart\":"
            + noStart
            + "}";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (ays.coordinator.post("/requests/install?dryRun=true", body).statusCode() != 200) {
      assertThat(System.nanoTime()).as("the template never became plannable").isLessThan(deadline);
      Thread.sleep(250);
    }
    assertThat(ays.coordinator.post("/requests/install", body).statusCode()).isEqualTo(202);
  }

  private void uninstall(String key) throws Exception {
    String[] parts = key.split("/");
    String body = "{\"domain\":\"e2e\",\"name\":\"rerun\",\"instance\":\"" + parts[2] + "\"}";
    assertThat(ays.coordinator.post("/requests/uninstall", body).statusCode()).isEqualTo(202);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (ays.coordinator.get("/instances/" + key).statusCode() != 404) {
      assertThat(System.nanoTime()).as(key + " never uninstalled").isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  /** This test's servers whose command line contains {@code part}. */
  private List<ProcessHandle> servers(String part) {
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(
                        c ->
                            c.contains("http.server")
                                && c.endsWith("--directory .")
                                && c.contains(part))
                    .orElse(false))
        .toList();
  }

  private ProcessHandle onlyServer(int port) {
    List<ProcessHandle> found = servers(" " + port + " ");
    assertThat(found).as("one server on port " + port).hasSize(1);
    return found.get(0);
  }

  private static List<String> phases(JsonNode run) {
    List<String> phases = new ArrayList<>();
    for (JsonNode step : run.path("steps")) {
      if (!"SKIPPED".equals(step.path("status").asText())) {
        phases.add(step.path("phase").asText());
      }
    }
    return phases;
  }

  /** The status of the first NODE step of {@code phase}. */
  private static String status(JsonNode run, String phase) {
    for (JsonNode step : run.path("steps")) {
      if (phase.equals(step.path("phase").asText())) {
        return step.path("status").asText();
      }
    }
    throw new AssertionError("no " + phase + " step in " + run);
  }

  /**
   * The newest run of {@code key} once it is a run this test has not seen yet and has {@code
   * status}.
   */
  private JsonNode awaitRun(String key, String status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = ays.coordinator.get("/instances/" + key + "/runs").body();
      JsonNode runs = JSON.readTree(last);
      if (runs.isArray() && !runs.isEmpty() && seen.add(runs.get(0).path("id").asText())) {
        String now = runs.get(0).path("status").asText();
        if (status.equals(now)) {
          return runs.get(0);
        }
        seen.remove(runs.get(0).path("id").asText()); // not finished yet: look again
      }
      Thread.sleep(250);
    }
    throw new AssertionError(key + ": no new run reached " + status + "; last: " + last);
  }

  private final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private void awaitState(String key, String state) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
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
}
