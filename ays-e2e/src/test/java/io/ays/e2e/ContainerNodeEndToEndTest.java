package io.ays.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ays.testing.Prerequisites;
import io.ays.testing.TestNodeKeys;
import io.ays.testing.TestSigningKeys;
import io.ays.testing.TestTokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A container node on the real Docker engine: the example template {@code node.container}
 * (examples/templates, unchanged) installed on the management node makes a container running a
 * node-executor named after the instance; it joins the bus (its heartbeats reach the monitor); a
 * service installed with that instance as its parent runs inside the container and answers on
 * 127.0.0.1; uninstalling the node first uninstalls the service (its executor in the container
 * stops it), then removes the container and its volume, leaving nothing on the engine. And a
 * service container ({@code examples/templates/hello-container}, unchanged) killed behind AYS's
 * back is healed through the monitor like a process, and its uninstall leaves no container or
 * volume.
 *
 * <p>Needs a Docker engine and the local base image ({@code bash deploy/ci/prepare-docker.sh
 * --no-build}, as {@code .ci/run} does): run with {@code -Days.docker.test=true}. The executor's
 * image is built from the node-executor this build packaged (deploy/images/node-executor, seconds
 * on the cached base), so that the container runs the executor under test, and removed afterwards;
 * {@code -Days.node.executor.image=} names an image on the engine to use instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(SharedAysCluster.LOCK)
class ContainerNodeEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GIVEN_IMAGE = System.getProperty("ays.node.executor.image", "");
  private static final String BUILT_IMAGE = "ays-e2e/node-executor:test";
  private static final String BASE_IMAGE =
      System.getProperty("ays.base.image", "ays-base:bookworm-jre17");
  private static final String NODE_TEMPLATE = "node.container";
  private static final String WEB_TEMPLATE = "cnode-web";
  private static final String CONTAINER_TEMPLATE = "hello-container";
  private static final Duration NODE_INSTALL_TIMEOUT = Duration.ofSeconds(300);
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);

  private final String node = "cnode-" + UUID.randomUUID().toString().substring(0, 8);
  private final String nodeKey = SharedAysCluster.E2E + "/" + NODE_TEMPLATE + "/" + node;
  private final String webKey = SharedAysCluster.E2E + "/" + WEB_TEMPLATE + "/main";
  private final String containerKey =
      SharedAysCluster.E2E + "/" + CONTAINER_TEMPLATE + "/heal-" + node.substring(6);
  private AysCluster ays;
  private String image;
  private Path credentials;
  private int webPort;

  @BeforeAll
  void publishTheTemplates() throws Exception {
    assumeTrue(
        Boolean.getBoolean("ays.docker.test"),
        "needs a Docker engine and the image "
            + BASE_IMAGE
            + ": run `bash deploy/ci/prepare-docker.sh --no-build` (as root), then the test with"
            + " -Days.docker.test=true (.ci/run does both)");
    Prerequisites.require(
        docker("info").exitCode() == 0, "no Docker engine answers: `docker info` fails");
    Path projectDir = Path.of(System.getProperty("ays.project.dir"));
    image = GIVEN_IMAGE.isBlank() ? buildExecutorImage(projectDir) : GIVEN_IMAGE;
    Prerequisites.require(
        docker("image", "inspect", image).exitCode() == 0,
        "the image " + image + " is not on the engine (-Days.node.executor.image)");
    Path workDir = projectDir.resolve("ays-e2e/target/container-node-" + System.nanoTime());
    credentials = nodeCredentials(workDir.resolve("credentials"));
    Map<String, String> templates = new LinkedHashMap<>(exampleTemplate(projectDir, NODE_TEMPLATE));
    templates.putAll(exampleTemplate(projectDir, CONTAINER_TEMPLATE));
    templates.putAll(webTemplate());
    ays = SharedAysCluster.acquire();
    SharedAysCluster.publish(SharedAysCluster.E2E, templates);
    webPort = AysCluster.freePort();
  }

  @AfterAll
  void release() throws Exception {
    if (ays != null) {
      SharedAysCluster.release();
    }
    // A failed test must not leave its container behind on the engine.
    for (String key : List.of(nodeKey, containerKey)) {
      List<String> left = labelled(key, "ps", "-aq");
      if (!left.isEmpty()) {
        List<String> rm = new ArrayList<>(List.of("rm", "-f", "-v"));
        rm.addAll(left);
        docker(rm.toArray(String[]::new));
      }
      for (String volume : labelled(key, "volume", "ls", "-q")) {
        docker("volume", "rm", "-f", volume);
      }
    }
    if (BUILT_IMAGE.equals(image)) {
      docker("image", "rm", "-f", BUILT_IMAGE);
    }
  }

  /** The executor image of deploy/images, from the node-executor this build packaged. */
  private static String buildExecutorImage(Path projectDir) {
    Path app = projectDir.resolve("node-executor/target/quarkus-app");
    Prerequisites.require(
        Files.isRegularFile(app.resolve("quarkus-run.jar")),
        "node-executor is not packaged at " + app + ": run the build with -am or package it first");
    Prerequisites.require(
        docker("image", "inspect", BASE_IMAGE).exitCode() == 0,
        "the base image "
            + BASE_IMAGE
            + " is not on the engine: run `bash deploy/ci/prepare-docker.sh --no-build` (as root)");
    Docker build =
        docker(
            "build",
            "--network=none",
            "--build-arg",
            "BASE_IMAGE=" + BASE_IMAGE,
            "-f",
            projectDir.resolve("deploy/images/node-executor/Dockerfile").toString(),
            "-t",
            BUILT_IMAGE,
            app.toString());
    assertThat(build.exitCode())
        .as("docker build of the executor image: %s", build.output())
        .isZero();
    return BUILT_IMAGE;
  }

  @Test
  void aServicePlacedOnAContainerNodeRunsInsideItAndGoesFirstWhenTheNodeIsUninstalled()
      throws Exception {
    int executorPort = AysCluster.freePort();
    ObjectNode nodeRequest = request(NODE_TEMPLATE, node);
    nodeRequest
        .putObject("answers")
        .put("param.credentials", credentials.toString())
        .put("param.image", image)
        .put("param.port", executorPort)
        .put("param.kafka", ays.bootstrapServers())
        .put("param.registry", ays.registry.url("/git/").toString())
        .put("param.signing.keyid", TestSigningKeys.KEY_ID)
        .put("param.jwt.issuer", TestTokens.ISSUER)
        .put("param.memory", "768m");
    submit("install", nodeRequest);
    JsonNode installed = awaitRun(nodeKey, "INSTALL", NODE_INSTALL_TIMEOUT);
    assertThat(installed.path("node").asText())
        .as("the container is made by the management node's executor")
        .isEqualTo("local");
    List<String> containers = labelled(nodeKey, "ps", "-q");
    assertThat(containers).as("one running container of the node instance").hasSize(1);
    String container = containers.get(0);
    awaitNodeHeard(node);

    ObjectNode webRequest = request(WEB_TEMPLATE, "main");
    webRequest.put("parent", nodeKey).putObject("answers").put("param.port", webPort);
    submit("install", webRequest);
    awaitRun(webKey, "INSTALL", RUN_TIMEOUT);
    JsonNode web = JSON.readTree(ays.coordinator.get("/instances/" + webKey).body());
    assertThat(web.path("node").asText()).as("placed on the container node").isEqualTo(node);
    assertThat(answers(webPort)).as("the service answers on 127.0.0.1:" + webPort).isTrue();
    assertThat(docker("top", container).output())
        .as("the service's process runs inside the node's container")
        .contains("http.server " + webPort);
    assertThat(
            docker("exec", container, "cat", "/proc/1/cmdline").output().replace('\0', ' ').trim())
        .as("whose first process is the node's executor")
        .contains("quarkus-run.jar");

    submit("uninstall", request(NODE_TEMPLATE, node));
    JsonNode nodeUninstall = awaitRun(nodeKey, "UNINSTALL", RUN_TIMEOUT);
    JsonNode webUninstall = latestRun(webKey);
    assertThat(webUninstall.path("action").asText()).isEqualTo("UNINSTALL");
    assertThat(webUninstall.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(webUninstall.path("requiredBy").asText()).isEqualTo(nodeKey);
    List<String> webSteps = new ArrayList<>();
    webUninstall
        .path("steps")
        .forEach(s -> webSteps.add(s.path("node").asText() + " " + s.path("phase").asText()));
    assertThat(webSteps)
        .as("the service was stopped and removed by the executor in the container")
        .contains(node + " stop", node + " uninstall");
    List<String> waitsFor = new ArrayList<>();
    nodeUninstall.path("waitsFor").forEach(id -> waitsFor.add(id.asText()));
    assertThat(waitsFor)
        .as("the node's uninstall waits for the service's")
        .contains(webUninstall.path("id").asText());
    Instant webDone = Instant.parse(webUninstall.path("finishedAt").asText());
    Instant nodeBegan = firstStepStart(nodeUninstall);
    assertThat(nodeBegan)
        .as("the container was touched only after the service was gone")
        .isAfterOrEqualTo(webDone);

    awaitGone(nodeKey);
    awaitGone(webKey);
    assertThat(labelled(nodeKey, "ps", "-aq")).as("no container of the node is left").isEmpty();
    assertThat(labelled(nodeKey, "volume", "ls", "-q")).as("nor its executor's volume").isEmpty();
    assertThat(answers(webPort)).as("the service no longer answers").isFalse();
  }

  @Test
  void aServiceContainerKilledIsHealedThroughTheMonitorAndLeavesNothingWhenUninstalled()
      throws Exception {
    int port = AysCluster.freePort();
    String instance = containerKey.substring(containerKey.lastIndexOf('/') + 1);
    ObjectNode install = request(CONTAINER_TEMPLATE, instance);
    install.putObject("answers").put("param.port", port);
    submit("install", install);
    awaitRun(containerKey, "INSTALL", RUN_TIMEOUT);
    assertThat(answers(port)).as("the container's server answers on 127.0.0.1:" + port).isTrue();
    List<String> running = labelled(containerKey, "ps", "-q");
    assertThat(running).as("one running container of the instance").hasSize(1);

    // Killed behind AYS's back: the engine's event reaches the executor, the monitor restarts it.
    assertThat(docker("kill", running.get(0)).exitCode()).isZero();
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    JsonNode health = JSON.createObjectNode();
    while (System.nanoTime() < deadline) {
      health = JSON.readTree(ays.monitor.get("/health/" + containerKey).body());
      if (health.path("restarts").asInt() >= 1 && "UP".equals(health.path("status").asText())) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(health.path("restarts").asInt()).as("restarts in %s", health).isEqualTo(1);
    assertThat(health.path("status").asText()).as("status in %s", health).isEqualTo("UP");
    assertThat(answers(port)).as("served again after the heal").isTrue();
    assertThat(labelled(containerKey, "ps", "-q")).as("one running container again").hasSize(1);

    submit("uninstall", request(CONTAINER_TEMPLATE, instance));
    awaitRun(containerKey, "UNINSTALL", RUN_TIMEOUT);
    awaitGone(containerKey);
    assertThat(labelled(containerKey, "ps", "-aq")).as("no container is left").isEmpty();
    assertThat(labelled(containerKey, "volume", "ls", "-q")).as("nor its volume").isEmpty();
    assertThat(answers(port)).as("the server no longer answers").isFalse();
  }

  /**
   * What ./ays node-credentials puts in a node's credentials folder, for the test's cluster: a
   * plain broker (no SASL), the test JVM's signing and token public keys, the node's own key.
   */
  private Path nodeCredentials(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("kafka.properties"), "# the test's broker takes plain clients\n");
    Files.copy(TestNodeKeys.privateKeyFile(node), dir.resolve("node.key"));
    Files.copy(TestSigningKeys.publicKeyFile(), dir.resolve("signing.pub.pem"));
    Files.copy(TestTokens.publicKeyFile(), dir.resolve("token-signing.pub.pem"));
    return dir;
  }

  /** An example template as users get it, from examples/templates/{@code name}. */
  private static Map<String, String> exampleTemplate(Path projectDir, String name)
      throws IOException {
    Path folder = projectDir.resolve("examples/templates").resolve(name);
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path file : paths.filter(Files::isRegularFile).sorted().toList()) {
        files.put(
            name + "/" + folder.relativize(file).toString().replace('\\', '/'),
            Files.readString(file));
      }
    }
    return files;
  }

  /** hello-http under a name of this class: a real HTTP server on the answered port. */
  private static Map<String, String> webTemplate() {
    Map<String, String> files = new LinkedHashMap<>();
    TemplateRepository.helloHttp()
        .forEach((path, text) -> files.put(path.replace("hello-http/", WEB_TEMPLATE + "/"), text));
    return files;
  }

  private static ObjectNode request(String name, String instance) {
    return JSON.createObjectNode()
        .put("domain", SharedAysCluster.E2E)
        .put("name", name)
        .put("instance", instance);
  }

  private void submit(String action, ObjectNode request) throws Exception {
    var response = ays.coordinator.post("/requests/" + action, request.toString());
    assertThat(response.statusCode()).as("%s: %s", action, response.body()).isEqualTo(202);
  }

  /** The newest run of {@code key}, once it is an {@code action} that succeeded. */
  private JsonNode awaitRun(String key, String action, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = ays.coordinator.get("/instances/" + key + "/runs").body();
      JsonNode runs = JSON.readTree(last);
      if (runs.isArray() && !runs.isEmpty() && action.equals(runs.get(0).path("action").asText())) {
        String status = runs.get(0).path("status").asText();
        if (status.equals("SUCCEEDED")) {
          return runs.get(0);
        }
        if (status.equals("FAILED") || status.equals("CANCELLED")) {
          throw new AssertionError(
              key + " " + action + " " + status + ": " + last + "; logs in " + ays.workDir);
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError(key + " never finished its " + action + "; last: " + last);
  }

  private JsonNode latestRun(String key) throws Exception {
    JsonNode runs = JSON.readTree(ays.coordinator.get("/instances/" + key + "/runs").body());
    assertThat(runs.isArray() && !runs.isEmpty()).as("runs of %s: %s", key, runs).isTrue();
    return runs.get(0);
  }

  private static Instant firstStepStart(JsonNode run) {
    Instant first = null;
    for (JsonNode step : run.path("steps")) {
      if (step.path("startedAt").isTextual()) {
        Instant started = Instant.parse(step.path("startedAt").asText());
        first = first == null || started.isBefore(first) ? started : first;
      }
    }
    assertThat(first).as("a started step in %s", run).isNotNull();
    return first;
  }

  /** Waits until the monitor has a heartbeat of {@code nodeId}: its executor joined the bus. */
  private void awaitNodeHeard(String nodeId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = ays.monitor.get("/nodes").body();
      for (JsonNode heard : JSON.readTree(last)) {
        if (nodeId.equals(heard.path("nodeId").asText())) {
          return;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no heartbeat of node " + nodeId + " reached the monitor: " + last);
  }

  private void awaitGone(String key) throws Exception {
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (ays.coordinator.get("/instances/" + key).statusCode() == 404) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(key + " was never forgotten");
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The ids ({@code docker ps} / {@code docker volume ls}) labelled with instance {@code key}. */
  private List<String> labelled(String key, String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of(command));
    args.add("--filter");
    args.add("label=io.ays.instance=" + key);
    Docker result = docker(args.toArray(String[]::new));
    assertThat(result.exitCode()).as("docker %s: %s", args, result.output()).isZero();
    return result.output().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private record Docker(int exitCode, String output) {}

  private static Docker docker(String... args) {
    List<String> command = new ArrayList<>();
    command.add("docker");
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(300, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Docker(-1, "docker " + String.join(" ", args) + " did not finish");
      }
      return new Docker(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Docker(-1, "cannot run docker: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Docker(-1, "interrupted");
    }
  }
}
