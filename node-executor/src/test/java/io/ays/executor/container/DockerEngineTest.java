package io.ays.executor.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The engine's client on a node without an engine (a container node has no socket inside). */
class DockerEngineTest {

  @Test
  void aMissingSocketIsNamedAndLeavesNothingToRemove() {
    // docker-java reads DOCKER_HOST from the system properties over the environment.
    String before = System.getProperty("DOCKER_HOST");
    System.setProperty("DOCKER_HOST", "unix:///nonexistent/ays-test/docker.sock");
    try (DockerEngine engine = new DockerEngine()) {
      assertThatThrownBy(engine::client)
          .isInstanceOf(ContainerException.class)
          .hasMessageContaining("unix:///nonexistent/ays-test/docker.sock does not exist");
      // An instance whose start failed there can still be uninstalled: nothing was created.
      assertThat(new ContainerSupervisor(engine, "box").remove("demo/web/main"))
          .startsWith("no container to remove: no container engine on this node");
    } finally {
      if (before == null) {
        System.clearProperty("DOCKER_HOST");
      } else {
        System.setProperty("DOCKER_HOST", before);
      }
    }
  }
}
