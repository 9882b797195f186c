package io.ays.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The coordinator's scenarios with the real executor, broker and database (issue: lifecycle
 * engine): a kill -9 of the coordinator in the middle of a three-service install (it completes,
 * every phase ran once, an uninstall removes the three in reverse order); a three-level tree with a
 * shared dependency (installed once, each level after the one below); a failing phase in the middle
 * of a chain (the service above is never started, the reason names the phase and its output); a
 * transient failure retried by the template's own policy; a restart of a service that ignores
 * SIGTERM (stop, check, halt, start).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(SharedAysCluster.LOCK)
class LifecycleScenariosEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final List<String> CHAIN = List.of("chain-base", "chain-mid", "chain-top");
  private static final List<String> HOOKED = List.of("init", "prepare", "configure");

  private AysCluster ays;
  private Path workDir;
  private Path journal;
  private Path treeJournal;
  private Path built;

  @BeforeAll
  void startAys() throws Exception {
    Path projectDir = Path.of(System.getProperty("ays.project.dir"));
    workDir = projectDir.resolve("ays-e2e/target/scenarios-" + System.currentTimeMillis());
    Files.createDirectories(workDir);
    journal = workDir.resolve("journal.txt");
    treeJournal = workDir.resolve("tree-journal.txt");
    Map<String, String> templates = new LinkedHashMap<>(chainTemplates(journal));
    templates.putAll(treeTemplates(treeJournal));
    templates.putAll(brokenChainTemplates(treeJournal));
    templates.putAll(flakyTemplate(workDir.resolve("flaky-marker")));
    templates.putAll(stubbornTemplate(workDir.resolve("stubborn-e2e.py")));
    built = workDir.resolve("built.txt");
    templates.putAll(builderTemplate(built));
    ays = SharedAysCluster.acquire();
    SharedAysCluster.publish(SharedAysCluster.E2E, templates);
  }

  @AfterAll
  void stopAys() {
    SharedAysCluster.release();
    // Services the tests leave behind (after a failure) run in sessions of their own.
    stubborn().forEach(ProcessHandle::destroyForcibly);
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.endsWith("sleep 611")).orElse(false))
        .forEach(ProcessHandle::destroyForcibly);
    sleepers().forEach(ProcessHandle::destroyForcibly);
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

  @Test
  void aSharedDependencyOfAThreeLevelTreeIsInstalledOnceAndEachLevelAfterTheOneBelow()
      throws Exception {
    install("tree-top");
    awaitRun("e2e/tree-top/main", "SUCCEEDED", Duration.ofSeconds(150));
    for (String name : List.of("tree-shared", "tree-left", "tree-right", "tree-top")) {
      awaitState("e2e/" + name + "/main", "RUNNING", Duration.ofSeconds(30));
    }
    List<String> lines = Files.readAllLines(treeJournal);
    assertThat(lines.stream().filter(l -> l.startsWith("e2e/tree-")).toList())
        .as("each service of the tree was configured once")
        .containsExactlyInAnyOrder(
            "e2e/tree-shared/main configure",
            "e2e/tree-left/main configure",
            "e2e/tree-right/main configure",
            "e2e/tree-top/main configure");
    assertThat(lines.indexOf("e2e/tree-shared/main configure"))
        .isLessThan(lines.indexOf("e2e/tree-left/main configure"))
        .isLessThan(lines.indexOf("e2e/tree-right/main configure"));
    assertThat(lines.indexOf("e2e/tree-top/main configure"))
        .isGreaterThan(lines.indexOf("e2e/tree-left/main configure"))
        .isGreaterThan(lines.indexOf("e2e/tree-right/main configure"));
  }

  @Test
  void aFailingPhaseInTheMiddleOfAChainStopsTheServiceAboveWithTheReason() throws Exception {
    install("broken-top");
    JsonNode top = awaitRun("e2e/broken-top/main", "FAILED", Duration.ofSeconds(150));
    assertThat(top.path("reason").asText())
        .contains("not started: e2e/broken-mid/main failed: configure on local failed");
    JsonNode mid = awaitRun("e2e/broken-mid/main", "FAILED", Duration.ofSeconds(30));
    JsonNode failed = step(mid, "configure");
    assertThat(failed.path("status").asText()).isEqualTo("FAILED");
    assertThat(failed.path("exitCode").asInt()).isEqualTo(3);
    assertThat(failed.toString())
        .as("the step shows what the hook said")
        .contains("no database password given");
    awaitState("e2e/broken-base/main", "RUNNING", Duration.ofSeconds(30));
    List<String> journaled =
        Files.exists(treeJournal) ? Files.readAllLines(treeJournal) : List.of();
    assertThat(journaled)
        .as("the service above the failure never ran a phase")
        .noneMatch(line -> line.startsWith("e2e/broken-top/"));
  }

  @Test
  void aTransientFailureIsRetriedByTheTemplatesPolicyAndTheInstallSucceeds() throws Exception {
    install("flaky");
    JsonNode run = awaitRun("e2e/flaky/main", "SUCCEEDED", Duration.ofSeconds(120));
    JsonNode configure = step(run, "configure");
    assertThat(configure.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(configure.path("attempt").asInt()).as("the second attempt succeeded").isEqualTo(2);
  }

  @Test
  void aRestartOfAServiceThatIgnoresSigtermHaltsItAndStartsItAgain() throws Exception {
    install("stubborn");
    awaitRun("e2e/stubborn/main", "SUCCEEDED", Duration.ofSeconds(120));
    List<ProcessHandle> before = stubborn();
    assertThat(before).hasSize(1);
    Path ready = workDir.resolve("stubborn-e2e.py.ready");
    awaitStatus(() -> Files.exists(ready) ? 1 : 0, 1, Duration.ofSeconds(30));

    assertThat(
            ays.coordinator
                .post("/requests/restart", "{\"domain\":\"e2e\",\"name\":\"stubborn\"}")
                .statusCode())
        .isEqualTo(202);
    JsonNode restart =
        awaitRun("e2e/stubborn/main", "restart", "SUCCEEDED", Duration.ofSeconds(120));
    assertThat(step(restart, "halt").path("status").asText())
        .as("halt ran because stop did not work")
        .isEqualTo("SUCCEEDED");
    assertThat(before.get(0).isAlive()).as("the old process is gone").isFalse();
    List<ProcessHandle> after = stubborn();
    assertThat(after).hasSize(1);
    assertThat(after.get(0).pid()).isNotEqualTo(before.get(0).pid());

    assertThat(
            ays.coordinator
                .post("/requests/uninstall", "{\"domain\":\"e2e\",\"name\":\"stubborn\"}")
                .statusCode())
        .isEqualTo(202);
    awaitStatus(
        () -> ays.coordinator.get("/instances/e2e/stubborn/main").statusCode(),
        404,
        Duration.ofSeconds(90));
    assertThat(stubborn()).as("uninstall halts it too").isEmpty();
  }

  @Test
  void aBuildRunsActionsTmplPyOnTheNodeAndLeavesTheInstanceAlone() throws Exception {
    String build = "{\"domain\":\"e2e\",\"name\":\"builder\"}";
    awaitStatus(
        () -> ays.coordinator.post("/requests/install?dryRun=true", build).statusCode(), 200);
    assertThat(ays.coordinator.post("/requests/build", build).statusCode()).isEqualTo(202);
    JsonNode first = awaitRun("e2e/builder/main", "build", "SUCCEEDED", Duration.ofSeconds(90));
    assertThat(first.path("steps")).hasSize(1);
    assertThat(built).as("actions_tmpl.py build ran on the node").hasContent("built v1\n");
    assertThat(ays.coordinator.get("/instances/e2e/builder/main").statusCode())
        .as("a build installs nothing")
        .isEqualTo(404);

    install("builder");
    awaitState("e2e/builder/main", "RUNNING", Duration.ofSeconds(90));
    String failing = "{\"domain\":\"e2e\",\"name\":\"builder\",\"answers\":{\"param.fail\":true}}";
    assertThat(ays.coordinator.post("/requests/build", failing).statusCode()).isEqualTo(202);
    JsonNode second = awaitRun("e2e/builder/main", "build", "FAILED", Duration.ofSeconds(90));
    assertThat(second.path("reason").asText()).contains("build on local failed");
    assertThat(step(second, "build").toString())
        .as("the step shows what the build said")
        .contains("cc: main.c: No such file");
    awaitState("e2e/builder/main", "RUNNING", Duration.ofSeconds(5));

    assertThat(
            ays.coordinator
                .post("/requests/uninstall", "{\"domain\":\"e2e\",\"name\":\"builder\"}")
                .statusCode())
        .isEqualTo(202);
    awaitStatus(
        () -> ays.coordinator.get("/instances/e2e/builder/main").statusCode(),
        404,
        Duration.ofSeconds(90));
  }

  private void install(String name) throws Exception {
    String body = "{\"domain\":\"e2e\",\"name\":\"" + name + "\"}";
    awaitStatus(
        () -> ays.coordinator.post("/requests/install?dryRun=true", body).statusCode(), 200);
    assertThat(ays.coordinator.post("/requests/install", body).statusCode()).isEqualTo(202);
  }

  /** The newest run of {@code key} once it has {@code status}. */
  private JsonNode awaitRun(String key, String status, Duration timeout) throws Exception {
    return awaitRun(key, null, status, timeout);
  }

  /** The newest run of {@code key} (of {@code action}, if given) once it has {@code status}. */
  private JsonNode awaitRun(String key, String action, String status, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = ays.coordinator.get("/instances/" + key + "/runs").body();
      JsonNode runs = JSON.readTree(last);
      if (runs.isArray() && !runs.isEmpty()) {
        JsonNode newest = runs.get(0);
        if ((action == null || action.equalsIgnoreCase(newest.path("action").asText()))
            && status.equals(newest.path("status").asText())) {
          return newest;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "the newest run of " + key + " never reached " + status + "; last: " + last);
  }

  /** The last step of {@code run} with {@code phase} (its last attempt). */
  private static JsonNode step(JsonNode run, String phase) {
    JsonNode found = null;
    for (JsonNode step : run.path("steps")) {
      if (phase.equals(step.path("phase").asText()) && "NODE".equals(step.path("role").asText())) {
        found = step;
      }
    }
    assertThat(found).as("a " + phase + " step in " + run).isNotNull();
    return found;
  }

  /** The processes of this test's stubborn service (its script is in this run's folder). */
  private List<ProcessHandle> stubborn() {
    String script = workDir.resolve("stubborn-e2e.py").toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.endsWith(script)).orElse(false))
        .toList();
  }

  /**
   * top -> left, right -> shared: three levels, the shared dependency reached twice. No processes
   * (up from start to stop); a configure hook journals each configure.
   */
  private static Map<String, String> treeTemplates(Path journal) {
    Map<String, String> files = new LinkedHashMap<>();
    String hook = "#!/bin/sh\necho \"$AYS_INSTANCE_KEY $AYS_PHASE\" >> '" + journal + "'\n";
    files.put("tree-shared/service.hrd", "description = 'the shared bottom of the tree'\n");
    files.put("tree-left/service.hrd", "dependencies.1 =\n    name:'tree-shared',\n");
    files.put("tree-right/service.hrd", "dependencies.1 =\n    name:'tree-shared',\n");
    files.put(
        "tree-top/service.hrd",
        "dependencies.1 =\n    name:'tree-left',\n\ndependencies.2 =\n    name:'tree-right',\n");
    for (String name : List.of("tree-shared", "tree-left", "tree-right", "tree-top")) {
      files.put(name + "/hooks/configure", hook);
    }
    return files;
  }

  /** top -> mid -> base, mid's configure failing for good (exit 3, a reason on stderr). */
  private static Map<String, String> brokenChainTemplates(Path journal) {
    Map<String, String> files = new LinkedHashMap<>();
    String hook = "#!/bin/sh\necho \"$AYS_INSTANCE_KEY $AYS_PHASE\" >> '" + journal + "'\n";
    files.put("broken-base/service.hrd", "description = 'works'\n");
    files.put("broken-mid/service.hrd", "dependencies.1 =\n    name:'broken-base',\n");
    files.put(
        "broken-mid/hooks/configure",
        "#!/bin/sh\necho 'configure: no database password given' >&2\nexit 3\n");
    files.put("broken-top/service.hrd", "dependencies.1 =\n    name:'broken-mid',\n");
    for (String phase : List.of("init", "prepare", "configure")) {
      files.put("broken-top/hooks/" + phase, hook);
    }
    return files;
  }

  /** configure fails the first time (a marker file remembers), works the second. */
  private static Map<String, String> flakyTemplate(Path marker) {
    return Map.of(
        "flaky/service.hrd",
        "lifecycle.configure.attempts = 3\nlifecycle.backoff = 1s\n",
        "flaky/hooks/configure",
        "#!/bin/sh\nif [ ! -e '"
            + marker
            + "' ]; then touch '"
            + marker
            + "'; echo 'the package mirror timed out' >&2; exit 1; fi\necho configured\n");
  }

  /** A process that ignores SIGTERM (a script the test writes): stop cannot end it, halt must. */
  private static Map<String, String> stubbornTemplate(Path script) throws Exception {
    Files.writeString(
        script,
        "import signal, sys, time\n"
            + "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
            // Says when SIGTERM is ignored: on a loaded machine the interpreter may still be
            // starting when the install ends, and a SIGTERM then would simply end it.
            + "open(sys.argv[0] + '.ready', 'w').close()\n"
            + "time.sleep(3600)\n");
    return Map.of(
        "stubborn/service.hrd",
        "process.1 =\n"
            + "    cmd:'python3',\n"
            + "    args:'"
            + script
            + "',\n"
            + "    timeout_stop:'2',\n");
  }

  /**
   * A long sleep with a template-level build (actions_tmpl.py) that writes {@code out}, or fails
   * like a compiler when the build is asked to ({@code param.fail}).
   */
  private static Map<String, String> builderTemplate(Path out) {
    return Map.of(
        "builder/service.hrd",
        "process.1 =\n    cmd:'sleep',\n    args:'611',\n\nbuild.out = '" + out + "'\n",
        "builder/instance.hrd",
        "param.fail = @ASK type:bool default:False\n",
        "builder/actions_tmpl.py",
        "from ays import ActionsBase\n\n"
            + "class ActionsTmpl(ActionsBase):\n"
            + "    def build(self, serviceObj):\n"
            + "        if self.hrd.getBool('instance.param.fail'):\n"
            + "            self.run('echo \"cc: main.c: No such file\" >&2; exit 2')\n"
            + "        self.run('echo built v1 > %s' % self.hrd.get('service.build.out'))\n");
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
