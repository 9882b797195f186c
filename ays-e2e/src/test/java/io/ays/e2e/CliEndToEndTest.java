package io.ays.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.auth.Roles;
import io.ays.testing.LocalPorts;
import io.ays.testing.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The ays command line against the whole of AYS: the packaged CLI (ays-cli/target) runs as its own
 * process, as a person would run it, against the four services as separate processes with a real
 * broker, PostgreSQL, git repository and a real server installed. It checks what the person sees:
 * exit codes, progress, summaries and query output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliEndToEndTest {

  private static final String KEY = "e2e/hello-http/main";

  private Path projectDir;
  private AysCluster ays;
  private int servicePort;
  private Path outputs;
  private int runs;
  private Background follower;

  @BeforeAll
  void startAys() throws Exception {
    projectDir = Path.of(System.getProperty("ays.project.dir"));
    Path jar = projectDir.resolve("ays-cli/target/ays-cli.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: package ays-cli first");
    }
    Path workDir = projectDir.resolve("ays-e2e/target/cli-" + System.currentTimeMillis());
    outputs = workDir.resolve("cli");
    Files.createDirectories(outputs);
    Path repo =
        TemplateRepository.create(workDir.resolve("templates"), TemplateRepository.helloHttp());
    // A cluster of its own, not the shared one: the commands under test list and sync the whole
    // cluster (status, list, templates sync), and the checks say what all of it holds.
    ays = new AysCluster(projectDir, workDir, "e2e=" + repo.toUri() + "#main");
    servicePort = AysCluster.freePort();
    awaitTemplateKnownToCoordinator();
  }

  @AfterAll
  void stopAys() {
    if (follower != null) {
      follower.process().destroyForcibly();
    }
    if (ays != null) {
      ays.close();
    }
  }

  @Test
  @Order(1)
  void planPrintsTheStepsAndRunsNothing() throws Exception {
    Cli plan = cli("plan", "e2e/hello-http", "--data", "param.port:" + servicePort);

    assertThat(plan.code).as(plan.toString()).isZero();
    assertThat(plan.out)
        .contains("plan: install e2e/hello-http/main (1 run; nothing is run)")
        .containsPattern("(?m)^ +0 +local +\\w+ +init +ALWAYS$")
        .containsPattern("(?m) start +ALWAYS$")
        .containsPattern("(?m) stop +IF_UP$")
        .contains("check_up")
        .contains("monitor");
    assertThat(ays.coordinator.get("/instances/" + KEY).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(2)
  void installFollowsTheRunPhaseByPhaseAndSummarises() throws Exception {
    // No -d: the CLI finds the domain of hello-http in the registry.
    Cli install =
        cli("install", "hello-http", "--data", "param.port:" + servicePort, "--timeout", "5m");

    assertThat(install.code).as(install.toString()).isZero();
    assertThat(install.out)
        .containsPattern("request [0-9a-f-]{36} sent: install e2e/hello-http/main")
        .contains("e2e/hello-http/main: install accepted, 12 steps on local")
        .contains("e2e/hello-http/main: init started on local")
        .containsPattern("\\[ ?\\d+/12\\] e2e/hello-http/main: init SUCCEEDED")
        .containsPattern("\\[ ?\\d+/12\\] e2e/hello-http/main: stop SKIPPED")
        .containsPattern("\\[ ?\\d+/12\\] e2e/hello-http/main: monitor SUCCEEDED")
        .contains("e2e/hello-http/main: install SUCCEEDED in")
        .contains("install e2e/hello-http/main: SUCCEEDED (1 run, 12 steps)");
    assertThat(LocalPorts.isOpen(servicePort)).isTrue();
  }

  @Test
  @Order(3)
  void statusShowsItRunningWithItsPort() throws Exception {
    Cli status = cli("status");
    assertThat(status.code).as(status.toString()).isZero();
    assertThat(status.out)
        .containsPattern("(?m)^DOMAIN +NAME +INSTANCE +NODE +STATE +HEALTH +PORTS")
        .containsPattern("(?m)^e2e +hello-http +main +local +RUNNING +\\S+ +" + servicePort);

    Cli json = cli("status", "hello-http", "--json");
    assertThat(json.code).as(json.toString()).isZero();
    assertThat(json.out)
        .contains("\"instanceKey\" : \"" + KEY + "\"")
        .contains("\"state\" : \"RUNNING\"")
        .containsPattern("\"ports\" : \\[ " + servicePort + " \\]");
  }

  @Test
  @Order(4)
  void queriesShowTemplatesInstancesRunsNodesAndLogs() throws Exception {
    Cli list = cli("list");
    assertThat(list.code).as(list.toString()).isZero();
    assertThat(list.out).containsPattern("(?m)^e2e +hello-http +[0-9a-f]{12}");

    Cli installed = cli("list", "--installed", "--json");
    assertThat(installed.out).contains("\"instanceKey\" : \"" + KEY + "\"");

    Cli runsOfInstance = cli("runs", "e2e/hello-http");
    assertThat(runsOfInstance.code).as(runsOfInstance.toString()).isZero();
    Matcher run =
        Pattern.compile("(?m)^([0-9a-f-]{36}) .* install +SUCCEEDED .* 12/12")
            .matcher(runsOfInstance.out);
    assertThat(run.find()).as(runsOfInstance.out).isTrue();

    Cli oneRun = cli("runs", run.group(1));
    assertThat(oneRun.code).as(oneRun.toString()).isZero();
    assertThat(oneRun.out)
        .contains("status    SUCCEEDED")
        .containsPattern("(?m)^STEP +NODE +ROLE +PHASE +STATUS +ATTEMPT +DURATION +REASON")
        .containsPattern("(?m)^\\d+ +local +\\w+ +start +SUCCEEDED +1 +\\d");

    Cli nodes = cli("nodes");
    assertThat(nodes.code).as(nodes.toString()).isZero();
    assertThat(nodes.out).containsPattern("(?m)^local .* alive$");

    // The server logs each request on stderr, which the executor captures; the coordinator
    // relays the read to the node's executor.
    probe("/logs-probe");
    Cli logs = cli("logs", "e2e/hello-http", "-n", "20");
    assertThat(logs.code).as(logs.toString()).isZero();
    assertThat(logs.out)
        .containsPattern("(?m)^==> local:.*e2e__hello-http__main/process\\.1\\.log <==$")
        .contains("\"GET /logs-probe HTTP/1.1\" 404");

    // Followed, a line written later shows up; the follower ends with the uninstall (Order 7).
    follower = background("logs", "e2e/hello-http", "--follow", "-n", "1");
    follower.awaitOutput("process.1.log <==");
    probe("/follow-probe");
    follower.awaitOutput("\"GET /follow-probe HTTP/1.1\" 404");

    Cli sync = cli("templates", "sync");
    assertThat(sync.code).as(sync.toString()).isZero();
    assertThat(sync.out).containsPattern("(?m)^e2e +[0-9a-f]{12} +0 +1 +0");
  }

  @Test
  @Order(5)
  void anUnknownTemplateFailsNamingIt() throws Exception {
    Cli rejected = cli("install", "nope", "-d", "e2e", "--timeout", "2m");
    assertThat(rejected.code).as(rejected.toString()).isEqualTo(1);
    assertThat(rejected.out).contains("REJECTED: install e2e/nope/main:").contains("e2e/nope");

    Cli unknown = cli("install", "nope");
    assertThat(unknown.code).as(unknown.toString()).isEqualTo(1);
    assertThat(unknown.err).contains("ays: no template nope in the registry");
  }

  @Test
  @Order(6)
  void stopIsSeenByWatchAndLeavesTheInstanceStopped() throws Exception {
    Background watch = background("watch", "hello-http", "--no-health", "--for", "3m");
    watch.awaitOutput("watching ays.service-events");

    Cli stop = cli("stop", "e2e/hello-http", "--timeout", "5m");
    assertThat(stop.code).as(stop.toString()).isZero();
    assertThat(stop.out)
        .contains("e2e/hello-http/main: stop accepted")
        .contains("stop e2e/hello-http/main: SUCCEEDED");
    assertThat(LocalPorts.isOpen(servicePort)).isFalse();

    watch.awaitOutput("stop SUCCEEDED");
    watch.stop();
    assertThat(watch.output())
        .contains("e2e/hello-http/main  stop accepted")
        .contains("-> STOPPED");

    Cli status = cli("status", "e2e/hello-http");
    assertThat(status.code).as("a stopped instance is not a problem: " + status).isZero();
    assertThat(status.out).containsPattern("(?m)^e2e +hello-http +main +local +STOPPED");
  }

  @Test
  @Order(7)
  void uninstallForgetsTheInstance() throws Exception {
    Cli uninstall = cli("uninstall", "e2e/hello-http", "--json", "--timeout", "5m");
    assertThat(uninstall.code).as(uninstall.toString()).isZero();
    assertThat(uninstall.out)
        .contains("\"outcome\" : \"SUCCEEDED\"")
        .contains("\"action\" : \"uninstall\"");
    Cli status = cli("status", "--json");
    assertThat(status.out).doesNotContain("\"state\" : \"RUNNING\"");

    assertThat(follower).as("logs --follow was started by an earlier test").isNotNull();
    assertThat(follower.process().waitFor(30, TimeUnit.SECONDS))
        .as("logs --follow ends when the instance is uninstalled")
        .isTrue();
    assertThat(follower.process().exitValue()).isZero();
    assertThat(follower.errors()).contains(KEY + " is no longer installed; stopped following");
  }

  /** A request to the installed hello-http server, which logs it to stderr (404: no such file). */
  private void probe(String path) throws IOException {
    java.net.HttpURLConnection probe =
        (java.net.HttpURLConnection)
            java.net.URI.create("http://127.0.0.1:" + servicePort + path).toURL().openConnection();
    assertThat(probe.getResponseCode()).isEqualTo(404);
    probe.disconnect();
  }

  @Test
  @Order(8)
  void anUnreachableKafkaIsNamed() throws Exception {
    Cli install = cli("install", "e2e/hello-http", "--kafka", "127.0.0.1:1");
    assertThat(install.code).as(install.toString()).isEqualTo(3);
    assertThat(install.err)
        .startsWith("ays: cannot reach Kafka at 127.0.0.1:1")
        .doesNotContain("\tat ");
  }

  @Test
  @Order(9)
  void aMissingOrWeakTokenIsRefusedNamingTheRoleAndWhereTheTokenComesFrom() throws Exception {
    Path home = outputs.resolve("home-without-token");
    Cli anonymous = cliWith(Map.of("AYS_TOKEN", "", "AYS_HOME", home.toString()), "list");
    assertThat(anonymous.code).as(anonymous.toString()).isEqualTo(1);
    assertThat(anonymous.err)
        .contains("401")
        .contains("viewer")
        .contains(home.resolve("cli/token").toString())
        .doesNotContain("\tat ");

    Cli viewer = cliWith(Map.of("AYS_TOKEN", TestTokens.token(Roles.VIEWER)), "list");
    assertThat(viewer.code).as(viewer.toString()).isZero();
    Cli viewerSyncs =
        cliWith(Map.of("AYS_TOKEN", TestTokens.token(Roles.VIEWER)), "templates", "sync");
    assertThat(viewerSyncs.code).as(viewerSyncs.toString()).isEqualTo(1);
    assertThat(viewerSyncs.err).contains("403").contains("publisher").contains("AYS_TOKEN");
  }

  // --- running the CLI -------------------------------------------------------------------------

  private record Cli(List<String> args, int code, String out, String err) {
    @Override
    public String toString() {
      return "ays "
          + String.join(" ", args)
          + " -> "
          + code
          + "\n--- out\n"
          + out
          + "--- err\n"
          + err;
    }
  }

  private ProcessBuilder builder(String name, String... args) {
    return builder(name, Map.of(), args);
  }

  private ProcessBuilder builder(String name, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(
        projectDir.resolve("ays-cli/target/ays-cli.jar")
            + java.io.File.pathSeparator
            + projectDir.resolve("ays-cli/target/lib/*"));
    command.add("io.ays.cli.Main");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(ays.cliEnvironment());
    builder.environment().putAll(env);
    builder.redirectOutput(outputs.resolve(name + ".out").toFile());
    builder.redirectError(outputs.resolve(name + ".err").toFile());
    return builder;
  }

  /** Runs {@code ays args} to its end (at most 6 minutes: a hung CLI fails the test). */
  private Cli cli(String... args) throws Exception {
    return cliWith(Map.of(), args);
  }

  /** Runs {@code ays args} with these variables added to the cluster's. */
  private Cli cliWith(Map<String, String> env, String... args) throws Exception {
    String name = String.format("%02d-%s", ++runs, args[0]);
    Process process = builder(name, env, args).start();
    if (!process.waitFor(6, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("ays " + String.join(" ", args) + " did not end");
    }
    return new Cli(
        List.of(args),
        process.exitValue(),
        Files.readString(outputs.resolve(name + ".out"), StandardCharsets.UTF_8),
        Files.readString(outputs.resolve(name + ".err"), StandardCharsets.UTF_8));
  }

  private Background background(String... args) throws IOException {
    String name = String.format("%02d-%s", ++runs, args[0]);
    return new Background(
        builder(name, args).start(),
        outputs.resolve(name + ".out"),
        outputs.resolve(name + ".err"));
  }

  /** A CLI process that runs beside the test (watch). */
  private record Background(Process process, Path out, Path err) {

    String errors() throws IOException {
      return Files.readString(err, StandardCharsets.UTF_8);
    }

    void awaitOutput(String text) throws Exception {
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (System.nanoTime() < deadline) {
        if (output().contains(text)) {
          return;
        }
        if (!process.isAlive() && !output().contains(text)) {
          throw new AssertionError("the CLI ended without printing '" + text + "':\n" + output());
        }
        Thread.sleep(100);
      }
      throw new AssertionError("the CLI never printed '" + text + "':\n" + output());
    }

    String output() throws IOException {
      return Files.readString(out, StandardCharsets.UTF_8);
    }

    void stop() throws InterruptedException {
      process.destroy();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }

  // --- waiting for AYS -------------------------------------------------------------------------

  private void awaitTemplateKnownToCoordinator() throws Exception {
    String body =
        "{\"domain\":\"e2e\",\"name\":\"hello-http\",\"answers\":{\"param.port\":"
            + servicePort
            + "}}";
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (ays.coordinator.post("/requests/install?dryRun=true", body).statusCode() == 200) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the coordinator never learned of template e2e/hello-http");
  }
}
