package io.ays.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.testing.LocalPorts;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * The tutorial (docs/tutorial.md) as a user runs it: {@code ./ays up} with its own {@code AYS_HOME}
 * and free ports, then {@code examples/tutorial/run.sh}, which pushes the binary data and the
 * templates to the registry's git hosting, installs fancyPackage with the CLI, kills it and waits
 * for it to come back, stops and uninstalls it. {@code ./ays down} at the end.
 *
 * <p>{@code ./ays up --nodes 1} also starts a second executor, node {@code node-1}, on which one
 * test places a service ({@code ./ays install ... --node node-1}); its boot is part of this one
 * cluster's rather than another cluster's.
 *
 * <p>Kafka runs over TLS here ({@code AYS_KAFKA_TLS=1}, docs/security.md, "Kafka over TLS"), so
 * every service, the executor and the command line prove they reach it through their one client
 * settings file; the last test switches TLS off again with {@code ./ays down && ./ays up --infra}.
 *
 * <p>Uses the packaged services, ays-local and ays-cli as they are: a missing one fails the test
 * rather than starting a nested Maven build from {@code ./ays}. Starting AYS is part of what it
 * tests, so it does not use the {@link SharedAysCluster}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TutorialEndToEndTest {

  private static final Duration UP_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(25);
  private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(5);

  private Path projectDir;
  private Path home;
  private Path outputs;
  private final Map<String, String> env = new HashMap<>();
  private int tutorialPort;
  private int secondNodeServicePort;
  private int runs;
  private Run up;

  @BeforeAll
  void startAys() throws Exception {
    projectDir = Path.of(System.getProperty("ays.project.dir"));
    requireBuilt();
    home = projectDir.resolve("ays-e2e/target/tutorial-" + System.currentTimeMillis());
    outputs = home.resolve("test-output");
    Files.createDirectories(outputs);

    // Nothing of a developer's own AYS settings may leak in (e.g. AYS_KAFKA_BOOTSTRAP).
    System.getenv().forEach((key, value) -> env.put(key, value));
    env.keySet().removeIf(key -> key.startsWith("AYS_") || key.startsWith("TUTORIAL_"));
    List<Integer> ports = freePorts(10);
    env.put("AYS_HOME", home.toString());
    env.put("AYS_KAFKA_PORT", ports.get(0).toString());
    env.put("AYS_KAFKA_CONTROLLER_PORT", ports.get(1).toString());
    env.put("AYS_DB_PORT", ports.get(2).toString());
    env.put("AYS_REGISTRY_PORT", ports.get(3).toString());
    env.put("AYS_COORDINATOR_PORT", ports.get(4).toString());
    env.put("AYS_EXECUTOR_PORT", ports.get(5).toString());
    env.put("AYS_MONITOR_PORT", ports.get(6).toString());
    env.put("AYS_START_TIMEOUT", "300");
    env.put("AYS_KAFKA_TLS", "1");
    env.put("AYS_REGISTRY_REPOSITORIES", "tutorial=hosted:meta/tutorial");
    tutorialPort = ports.get(7);
    // node-1's executor listens on AYS_NODE_PORT_BASE + 1: a port found free.
    env.put("AYS_NODE_PORT_BASE", Integer.toString(ports.get(8) - 1));
    secondNodeServicePort = ports.get(9);
    env.put("TUTORIAL_PORT", Integer.toString(tutorialPort));
    env.put("TUTORIAL_WORK", Files.createDirectories(home.resolve("tutorial-work")).toString());
    env.put("TUTORIAL_TIMEOUT", "300");

    up = run(UP_TIMEOUT, projectDir.resolve("ays").toString(), "up", "--nodes", "1");
    assertThat(up.code).as(up.toString()).isZero();
    assertThat(up.out).contains("AYS is up.").contains("executor-node-1");
  }

  @AfterAll
  void stopAys() throws Exception {
    if (home == null) {
      return;
    }
    // Whatever the tutorial installed and left running (a failed run): ./ays down leaves
    // installed services alone. Only processes running in this test's executor folder.
    killProcessesUnder(home.resolve("executor"));
    killProcessesUnder(home.resolve("nodes"));
    try {
      Run down = run(DOWN_TIMEOUT, projectDir.resolve("ays").toString(), "down");
      assertThat(down.code).as(down.toString()).isZero();
      assertThat(commandLines(cmd -> cmd.contains("-Days.home=" + home + " ")))
          .as("no executor (nor any part) of this AYS runs after ./ays down")
          .isEmpty();
    } finally {
      // A safety net if down failed: every JVM that ./ays started carries -Days.home=<home>.
      killProcesses(cmd -> cmd.contains("-Days.home=" + home + " "));
      killProcessesUnder(home.resolve("postgres"));
    }
  }

  @Test
  @Order(1)
  void theTutorialScriptRunsEveryStep() throws Exception {
    Run tutorial = run(SCRIPT_TIMEOUT, projectDir.resolve("examples/tutorial/run.sh").toString());

    assertThat(tutorial.code).as(tutorial.toString()).isZero();
    assertThat(tutorial.err).as(tutorial.toString()).doesNotContain("tutorial: FAILED");
    String out = tutorial.out;
    assertThat(out)
        .as(tutorial.toString())
        .contains("tutorial: binary/fancyPackage is published")
        .contains("tutorial: the templates are published and known to the coordinator")
        .containsPattern("(?m)^tutorial +fancyBase +[0-9a-f]{12}")
        .containsPattern("(?m)^tutorial +fancyPackage +[0-9a-f]{12}")
        // the dependency first, then the service; the install of both succeeded
        .contains("tutorial/fancyBase/main: install SUCCEEDED")
        .contains("install tutorial/fancyPackage/main: SUCCEEDED (2 runs")
        .contains("fancyPackage says: hello from the AYS tutorial")
        .contains("port: " + tutorialPort)
        .containsPattern(
            "(?m)^tutorial +fancyPackage +main +local +RUNNING +\\S+ +" + tutorialPort + "\\b")
        .contains("tutorial: fancyPackage is RUNNING")
        .contains("tutorial: fancyPackage is RUNNING again")
        .contains("stop tutorial/fancyPackage/main: SUCCEEDED")
        .contains("tutorial: fancyPackage is STOPPED")
        .contains("uninstall tutorial/fancyPackage/main: SUCCEEDED")
        .contains("tutorial: fancyPackage and fancyBase are uninstalled")
        .contains("tutorial: done: every step of docs/tutorial.md behaved");

    Matcher served = Pattern.compile("tutorial: page served by pid (\\d+)").matcher(out);
    assertThat(served.find()).as(out).isTrue();
    Matcher healed = Pattern.compile("tutorial: healed: pid (\\d+) -> pid (\\d+)").matcher(out);
    assertThat(healed.find()).as(out).isTrue();
    assertThat(healed.group(1)).isEqualTo(served.group(1));
    assertThat(healed.group(2)).isNotEqualTo(healed.group(1));

    assertThat(LocalPorts.isOpen(tutorialPort))
        .as("fancyPackage is gone after the uninstall")
        .isFalse();
    Run status = run(Duration.ofMinutes(2), projectDir.resolve("ays").toString(), "status");
    assertThat(status.out).as(status.toString()).doesNotContain("fancyPackage");

    // ./ays build with a template is the command line's build request, not a build of AYS.
    Run build =
        run(
            Duration.ofMinutes(3),
            projectDir.resolve("ays").toString(),
            "build",
            "fancyPackage",
            "--data",
            "param.port:" + tutorialPort,
            "--timeout",
            "2m");
    assertThat(build.code).as(build.toString()).isZero();
    assertThat(build.out)
        .as(build.toString())
        .contains("build tutorial/fancyPackage/main: SUCCEEDED");
  }

  /**
   * {@code ./ays up --nodes 1}: node-1 has an executor of its own (its credentials, its node key),
   * {@code ./ays nodes} lists it beside local, and a service placed there runs under it.
   */
  @Test
  @Order(2)
  void aServicePlacedOnTheSecondNodeRunsUnderThatNodesExecutor() throws Exception {
    String ays = projectDir.resolve("ays").toString();
    assertThat(home.resolve("keys/node-node-1.key")).isRegularFile();
    assertThat(home.resolve("kafka/credentials/node-node-1.properties")).isRegularFile();
    Run ps = run(Duration.ofMinutes(1), ays, "ps");
    assertThat(ps.out).as(ps.toString()).containsPattern("(?m)^executor-node-1 +running .* ready");

    Run install =
        run(
            Duration.ofMinutes(4),
            ays,
            "install",
            "examples/hello-http/second",
            "--node",
            "node-1",
            "--data",
            "param.port:" + secondNodeServicePort,
            "--timeout",
            "3m");
    assertThat(install.code).as(install.toString()).isZero();
    assertThat(install.out)
        .as(install.toString())
        .contains("install examples/hello-http/second: SUCCEEDED");
    assertThat(LocalPorts.isOpen(secondNodeServicePort)).isTrue();
    Path nodeFolder = home.resolve("nodes/node-1/executor");
    assertThat(
            ProcessHandle.allProcesses()
                .anyMatch(p -> cwdOf(p).map(cwd -> cwd.startsWith(nodeFolder)).orElse(false)))
        .as("the service runs in node-1's executor folder " + nodeFolder)
        .isTrue();

    Run nodes = run(Duration.ofMinutes(1), ays, "nodes");
    assertThat(nodes.out)
        .as(nodes.toString())
        .containsPattern("(?m)^local\\b")
        .containsPattern("(?m)^node-1\\b");
    Run status = run(Duration.ofMinutes(1), ays, "status");
    assertThat(status.out)
        .as(status.toString())
        .containsPattern("(?m)^examples +hello-http +second +node-1 +RUNNING\\b");

    // The original's verbs (docs/cli.md, "The original's verbs"), on the same instance.
    Run mdupdate =
        run(
            Duration.ofMinutes(3),
            ays,
            "mdupdate",
            "examples/hello-http/second",
            "--timeout",
            "2m");
    assertThat(mdupdate.code).as(mdupdate.toString()).isZero();
    assertThat(mdupdate.out)
        .as(mdupdate.toString())
        .contains("configure examples/hello-http/second: SUCCEEDED");
    // Its exit code also says whether every repository synced: the tutorial's hosted one may not
    // exist yet, depending on the order of the tests.
    Run update = run(Duration.ofMinutes(2), ays, "update");
    assertThat(update.out)
        .as(update.toString())
        .containsPattern("(?m)^examples ")
        .contains("every installed instance runs its template's latest version");

    Run uninstall =
        run(
            Duration.ofMinutes(3),
            ays,
            "uninstall",
            "examples/hello-http/second",
            "--timeout",
            "2m");
    assertThat(uninstall.code).as(uninstall.toString()).isZero();
    assertThat(LocalPorts.isOpen(secondNodeServicePort)).isFalse();

    // prepare: installed on node-1 and not started.
    Run prepare =
        run(
            Duration.ofMinutes(3),
            ays,
            "prepare",
            "examples/hello-http/prepared",
            "--node",
            "node-1",
            "--data",
            "param.port:" + secondNodeServicePort,
            "--timeout",
            "2m");
    assertThat(prepare.code).as(prepare.toString()).isZero();
    assertThat(prepare.err).contains("sent as install --no-start");
    assertThat(LocalPorts.isOpen(secondNodeServicePort)).isFalse();
    Run prepared = run(Duration.ofMinutes(1), ays, "status");
    assertThat(prepared.out)
        .as(prepared.toString())
        .containsPattern("(?m)^examples +hello-http +prepared +node-1 +STOPPED\\b");
    Run removePrepared =
        run(
            Duration.ofMinutes(3),
            ays,
            "uninstall",
            "examples/hello-http/prepared",
            "--timeout",
            "2m");
    assertThat(removePrepared.code).as(removePrepared.toString()).isZero();
  }

  /**
   * Kafka runs with SASL over TLS (docs/security.md, "Kafka"): every client settings file trusts
   * the local CA; the private keys are owner-only; no password shows in any output or log.
   */
  @Test
  @Order(3)
  void kafkaPasswordsAreOwnerOnlyAndNeverPrintedNorLogged() throws Exception {
    assertThat(up.out).contains("SASL/SCRAM over TLS");
    Path credentials = home.resolve("kafka/credentials");
    Path ca = home.resolve("kafka/tls/ca.pem");
    List<String> passwords = new ArrayList<>();
    try (var files = Files.list(credentials)) {
      for (Path file : files.toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
            .as(file.toString())
            .isEqualTo("rw-------");
        List<String> lines = Files.readAllLines(file);
        lines.stream()
            .filter(line -> line.startsWith("sasl.password="))
            .map(line -> line.substring("sasl.password=".length()))
            .forEach(passwords::add);
        assertThat(lines)
            .as(file.toString())
            .contains("security.protocol=SASL_SSL")
            .containsAnyOf("ssl.truststore.location=" + ca, "ssl.ca.location=" + ca);
      }
    }
    assertThat(Files.readAllLines(home.resolve("cli/kafka.properties")))
        .contains("security.protocol=SASL_SSL", "ssl.truststore.location=" + ca);
    // ays-admin, ays-registry, ays-coordinator, ays-monitor, ays-operator, node-local
    assertThat(passwords).hasSizeGreaterThanOrEqualTo(6).allSatisfy(p -> assertThat(p).hasSize(64));
    for (String secret : List.of("ca.p12", "broker.p12", "store.password")) {
      Path file = home.resolve("kafka/tls").resolve(secret);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .as(file.toString())
          .isEqualTo("rw-------");
    }
    passwords.add(Files.readString(home.resolve("kafka/tls/store.password")).strip());
    List<Path> logs;
    try (var files = Files.list(home.resolve("logs"))) {
      logs = files.filter(Files::isRegularFile).toList();
    }
    for (String password : passwords) {
      assertThat(up.out + up.err).doesNotContain(password);
      for (Path log : logs) {
        // Latin-1 reads any bytes; the passwords are hex.
        assertThat(new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1))
            .as("%s holds no Kafka password", log)
            .doesNotContain(password);
      }
    }
  }

  /**
   * TLS switched off again: {@code ./ays down}, then {@code ./ays up --infra} without {@code
   * AYS_KAFKA_TLS} starts the same Kafka (its storage, its credentials) in the clear; the topic and
   * access setup, which connects with the admin's settings file, succeeds, and every client
   * settings file no longer asks for TLS.
   */
  @Test
  @Order(4)
  void kafkaTlsSwitchedOffAgainKeepsTheSameBrokerAndCredentials() throws Exception {
    String operatorBefore =
        Files.readString(home.resolve("kafka/credentials/ays-operator.properties"));
    killProcessesUnder(home.resolve("executor"));
    killProcessesUnder(home.resolve("nodes"));
    Run down = run(DOWN_TIMEOUT, projectDir.resolve("ays").toString(), "down");
    assertThat(down.code).as(down.toString()).isZero();
    // ./ays down stops the executors ./ays up --nodes started too.
    assertThat(down.out).as(down.toString()).contains("executor-node-1").contains("stopping");
    env.remove("AYS_KAFKA_TLS");

    Run infra = run(UP_TIMEOUT, projectDir.resolve("ays").toString(), "up", "--infra");

    assertThat(infra.code).as(infra.toString()).isZero();
    assertThat(infra.out)
        .as(infra.toString())
        .contains("AYS infrastructure is up")
        .doesNotContain("over TLS")
        .doesNotContain("formatting storage");
    String operatorAfter =
        Files.readString(home.resolve("kafka/credentials/ays-operator.properties"));
    assertThat(operatorAfter)
        .contains("security.protocol=SASL_PLAINTEXT")
        .doesNotContain("ssl.truststore");
    assertThat(passwordLine(operatorAfter)).isEqualTo(passwordLine(operatorBefore));
    assertThat(Files.readString(home.resolve("cli/kafka.properties")))
        .contains("security.protocol=SASL_PLAINTEXT")
        .doesNotContain("ssl.truststore");
  }

  private static String passwordLine(String settings) {
    return settings
        .lines()
        .filter(l -> l.startsWith("sasl.jaas.config="))
        .findFirst()
        .orElseThrow();
  }

  // --- processes -------------------------------------------------------------------------------

  private record Run(List<String> command, int code, String out, String err) {
    @Override
    public String toString() {
      return String.join(" ", command) + " -> " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  /** Runs a command in the project folder with the test's environment, to its end. */
  private Run run(Duration timeout, String... command) throws Exception {
    String name =
        String.format("%02d-%s", ++runs, Path.of(command[command.length - 1]).getFileName());
    Path out = outputs.resolve(name + ".out");
    Path err = outputs.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(projectDir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.redirectOutput(out.toFile());
    builder.redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError(
          String.join(" ", command)
              + " did not end within "
              + timeout
              + "\n--- out\n"
              + Files.readString(out, StandardCharsets.UTF_8)
              + "--- err\n"
              + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new Run(
        List.of(command),
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private void requireBuilt() {
    List<String> missing = new ArrayList<>();
    for (String service :
        List.of("template-registry", "lifecycle-coordinator", "node-executor", "monitor-service")) {
      requireFile(missing, service + "/target/quarkus-app/quarkus-run.jar");
    }
    requireFile(missing, "ays-local/target/ays-local.jar");
    requireFile(missing, "ays-cli/target/ays-cli-dist/ays-cli/bin/ays");
    if (!Files.isDirectory(projectDir.resolve("ays-local/target/lib"))) {
      missing.add("ays-local/target/lib");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "not packaged: "
              + missing
              + "; ./ays up would start a Maven build of its own. Package first: ./mvnw -B package"
              + " -DskipTests -pl ays-local,template-registry,lifecycle-coordinator,node-executor,"
              + "monitor-service,ays-cli -am");
    }
  }

  private void requireFile(List<String> missing, String path) {
    if (!Files.isRegularFile(projectDir.resolve(path))) {
      missing.add(path);
    }
  }

  /** Kills (SIGKILL) every process whose working folder is inside {@code folder}. */
  private static void killProcessesUnder(Path folder) {
    ProcessHandle.allProcesses()
        .filter(p -> cwdOf(p).map(cwd -> cwd.startsWith(folder)).orElse(false))
        .forEach(TutorialEndToEndTest::kill);
  }

  private static void killProcesses(java.util.function.Predicate<String> commandLine) {
    ProcessHandle.allProcesses()
        .filter(p -> commandLine.test(commandLineOf(p)))
        .forEach(TutorialEndToEndTest::kill);
  }

  private static List<String> commandLines(java.util.function.Predicate<String> commandLine) {
    return ProcessHandle.allProcesses()
        .map(TutorialEndToEndTest::commandLineOf)
        .filter(commandLine)
        .toList();
  }

  private static void kill(ProcessHandle process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static Optional<Path> cwdOf(ProcessHandle process) {
    try {
      return Optional.of(Files.readSymbolicLink(Path.of("/proc", process.pid() + "", "cwd")));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }

  private static String commandLineOf(ProcessHandle process) {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc", process.pid() + "", "cmdline")),
              StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException | SecurityException e) {
      return "";
    }
  }

  private static List<Integer> freePorts(int count) throws IOException {
    Set<Integer> ports = new LinkedHashSet<>();
    List<ServerSocket> held = new ArrayList<>();
    try {
      while (ports.size() < count) {
        ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        held.add(socket);
        ports.add(socket.getLocalPort());
      }
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
    return new ArrayList<>(ports);
  }
}
