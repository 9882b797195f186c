package io.ays.executor.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ays.contracts.Phase;
import io.ays.contracts.PhaseOutcome;
import io.ays.executor.action.ActionContext;
import io.ays.executor.action.ActionOutcome;
import io.ays.executor.action.DefaultActions;
import io.ays.executor.process.PortProbe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container entry whose image names a registry: the image is not on the node's engine, so start
 * has the engine pull it from a real registry on 127.0.0.1 (Debian's docker-registry, the CNCF
 * distribution registry) and runs it; an image the registry does not hold fails start naming the
 * image and the registry. The image is a tiny one made here (busybox's httpd, FROM scratch), pushed
 * with {@code docker push}, then removed from the engine.
 *
 * <p>Needs a Docker engine: {@code -Days.docker.test=true}, after {@code bash
 * deploy/ci/prepare-docker.sh --no-build}; installs the registry with {@code
 * deploy/ci/install-registry.sh} when missing (as root).
 */
class ContainerImagePullTest {

  private static final String KEY = "demo/pulled/main";
  private static final String NODE = "pull-test-" + UUID.randomUUID().toString().substring(0, 8);

  @TempDir Path tmp;
  private LocalRegistry registry;
  private final List<String> images = new ArrayList<>();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeAll
  static void requireEngineAndRegistry() throws Exception {
    assumeTrue(
        Boolean.getBoolean("ays.docker.test"),
        "needs a Docker engine: run `bash deploy/ci/prepare-docker.sh --no-build` (as root), then"
            + " the test with -Days.docker.test=true (.ci/run does both)");
    LocalRegistry.require();
    EngineCli.aimClient();
  }

  @BeforeEach
  void startRegistry() throws Exception {
    registry = LocalRegistry.start(Files.createDirectories(tmp.resolve("registry")));
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (String id :
        EngineCli.docker("ps", "-aq", "--filter", "label=io.ays.node=" + NODE).lines().toList()) {
      EngineCli.docker("rm", "-f", id.strip());
    }
    for (String image : images) {
      EngineCli.docker("rmi", "-f", image);
    }
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
    registry.close();
  }

  @Test
  void anImageNamingARegistryIsPulledWhenMissingAndRun() throws Exception {
    String image = registry.host() + "/ays-test/pulled-httpd:1";
    pushTinyImage(image);
    assertThat(EngineCli.docker("image", "inspect", image))
        .as("removed from the engine after the push")
        .contains("No such image");

    int port = freePort();
    Map<String, Object> config =
        Map.of(
            "service.process.1",
            Map.of("image", image, "portsforwards", "8000:" + port, "timeout_start", "30"));
    ActionOutcome started =
        defaults().run(Phase.START, context(Phase.START, config, tmp.resolve("instance")));

    assertThat(started.outcome()).as(started.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
    assertThat(EngineCli.dockerOk("image", "inspect", "-f", "{{.Id}}", image))
        .as("pulled onto the engine")
        .startsWith("sha256:");
    assertThat(new PortProbe("127.0.0.1").isOpen(port)).as("the pulled httpd answers").isTrue();
    assertThat(registry.log())
        .as("the registry served the image's layers (a push only HEADs them)")
        .contains("\"GET /v2/ays-test/pulled-httpd/blobs/sha256:");
  }

  @Test
  void anImageTheRegistryDoesNotHoldFailsTheStartNamingImageAndRegistry() throws Exception {
    String image = registry.host() + "/ays-test/absent:1";
    images.add(image);
    Map<String, Object> config = Map.of("service.process.1", Map.of("image", image));

    ActionOutcome outcome = defaults().run(Phase.START, context(Phase.START, config, tmp));

    assertThat(outcome.outcome()).isEqualTo(PhaseOutcome.FAILED);
    assertThat(outcome.message())
        .startsWith(
            "process.1: pulling image '"
                + image
                + "' from registry "
                + registry.host()
                + " failed: ");
  }

  @Test
  void aPrivateRegistryIsPulledFromWithTheCredentialsInTheNodesDockerConfigFolder()
      throws Exception {
    registry.close();
    String password = UUID.randomUUID().toString();
    registry =
        LocalRegistry.start(Files.createDirectories(tmp.resolve("private")), "ays-node", password);
    // What `docker --config <folder> login` writes: the node's credentials, in a file of the node.
    Path dockerConfig = Files.createDirectories(tmp.resolve("docker-config"));
    Files.writeString(
        dockerConfig.resolve("config.json"),
        "{\"auths\": {\""
            + registry.host()
            + "\": {\"auth\": \""
            + Base64.getEncoder()
                .encodeToString(("ays-node:" + password).getBytes(StandardCharsets.UTF_8))
            + "\"}}}");
    String image = registry.host() + "/ays-test/private-httpd:1";
    pushTinyImage(image, "--config", dockerConfig.toString());
    Map<String, Object> config =
        Map.of(
            "service.process.1",
            Map.of("image", image, "portsforwards", "8000:" + freePort(), "timeout_start", "30"));

    ActionOutcome refused =
        defaults(new DockerEngine(Optional.of(tmp.resolve("no-credentials"))))
            .run(Phase.START, context(Phase.START, config, tmp.resolve("instance")));
    assertThat(refused.outcome()).isEqualTo(PhaseOutcome.FAILED);
    assertThat(refused.message())
        .startsWith(
            "process.1: pulling image '" + image + "' from registry " + registry.host() + " failed")
        .doesNotContain(password);

    ActionOutcome started =
        defaults(new DockerEngine(Optional.of(dockerConfig)))
            .run(Phase.START, context(Phase.START, config, tmp.resolve("instance")));
    assertThat(started.outcome()).as(started.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
    assertThat(EngineCli.dockerOk("image", "inspect", "-f", "{{.Id}}", image))
        .startsWith("sha256:");
  }

  @Test
  void aPullThatTakesLongerThanItsTimeoutFailsNamingTheSetting() throws Exception {
    // A "registry" that takes the connection and never answers: the pull can only wait.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String image = "127.0.0.1:" + silent.getLocalPort() + "/ays-test/slow:1";
      Map<String, Object> config = Map.of("service.process.1", Map.of("image", image));

      ActionOutcome outcome =
          defaults(new DockerEngine(), Duration.ofSeconds(2))
              .run(Phase.START, context(Phase.START, config, tmp));

      assertThat(outcome.outcome()).isEqualTo(PhaseOutcome.FAILED);
      assertThat(outcome.message())
          .isEqualTo(
              "process.1: pulling image '"
                  + image
                  + "' from registry 127.0.0.1:"
                  + silent.getLocalPort()
                  + ": not done within 2 s (ays.executor.container.pull-timeout)");
    }
  }

  /** Builds busybox's httpd FROM scratch as {@code image}, pushes it, removes it locally. */
  private void pushTinyImage(String image, String... pushOptions) throws Exception {
    images.add(image);
    Path context = Files.createDirectories(tmp.resolve("image"));
    Files.copy(LocalRegistry.BUSYBOX, context.resolve("busybox"));
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM scratch\nCOPY busybox /bin/busybox\n"
            + "CMD [\"/bin/busybox\", \"httpd\", \"-f\", \"-p\", \"8000\", \"-h\", \"/\"]\n");
    EngineCli.dockerOk("build", "-q", "-t", image, context.toString());
    List<String> push = new ArrayList<>(List.of(pushOptions));
    push.addAll(List.of("push", image));
    EngineCli.dockerOk(push.toArray(String[]::new));
    EngineCli.dockerOk("rmi", image);
  }

  private DefaultActions defaults() {
    return defaults(new DockerEngine());
  }

  private DefaultActions defaults(DockerEngine engine) {
    return defaults(engine, Duration.ofMinutes(1));
  }

  private DefaultActions defaults(DockerEngine engine, Duration pullTimeout) {
    ContainerSupervisor containers = new ContainerSupervisor(engine, NODE);
    toClose.add(containers);
    toClose.add(engine);
    return ContainerDefaultActions.of(
        tmp, containers, new ContainerImages(engine, 1 << 20, pullTimeout));
  }

  private static ActionContext context(Phase phase, Map<String, Object> config, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    return PhaseContexts.of(KEY, NODE, phase, config, dir);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
