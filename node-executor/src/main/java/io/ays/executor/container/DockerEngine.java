package io.ays.executor.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The node's container engine, reached through its Docker-compatible socket ({@code DOCKER_HOST},
 * else {@code unix:///var/run/docker.sock}; Podman's socket answers the same API). The client is
 * made on first use only: a node that runs no container never opens the socket nor keeps the
 * client's threads.
 */
public final class DockerEngine implements AutoCloseable {

  private DockerClient client;

  /**
   * The client, made on the first call.
   *
   * @throws ContainerException naming the engine's address when its unix socket does not exist (a
   *     node without an engine, such as a container node: docs/templates.md, "Container nodes")
   */
  public synchronized DockerClient client() {
    if (client == null) {
      DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
      URI host = config.getDockerHost();
      if ("unix".equals(host.getScheme()) && !Files.exists(Path.of(host.getPath()))) {
        throw new ContainerException(
            "no container engine on this node: its socket "
                + host
                + " does not exist (DOCKER_HOST names another)");
      }
      DockerHttpClient http =
          new ZerodepDockerHttpClient.Builder()
              .dockerHost(config.getDockerHost())
              .sslConfig(config.getSSLConfig())
              .maxConnections(16)
              .connectionTimeout(Duration.ofSeconds(10))
              .build();
      client = DockerClientImpl.getInstance(config, http);
    }
    return client;
  }

  /** Whether the client was made (a container template was used). */
  public synchronized boolean inUse() {
    return client != null;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      try {
        client.close();
      } catch (IOException e) {
        // Closing the socket on shutdown: nothing else to do.
      }
      client = null;
    }
  }
}
