package io.ays.executor.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.time.Duration;

/**
 * The node's container engine, reached through its Docker-compatible socket ({@code DOCKER_HOST},
 * else {@code unix:///var/run/docker.sock}; Podman's socket answers the same API). The client is
 * made on first use only: a node that runs no container never opens the socket nor keeps the
 * client's threads.
 */
public final class DockerEngine implements AutoCloseable {

  private DockerClient client;

  /** The client, made on the first call. */
  public synchronized DockerClient client() {
    if (client == null) {
      DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
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
