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
import java.util.Optional;

/**
 * The node's container engine, reached through its Docker-compatible socket ({@code DOCKER_HOST},
 * else {@code unix:///var/run/docker.sock}; Podman's socket answers the same API). The client is
 * made on first use only: a node that runs no container never opens the socket nor keeps the
 * client's threads.
 */
public final class DockerEngine implements AutoCloseable {

  private final Optional<Path> configDir;
  private DockerClient client;

  /** The engine with docker-java's default configuration folder ($DOCKER_CONFIG, ~/.docker). */
  public DockerEngine() {
    this(Optional.empty());
  }

  /**
   * @param configDir the folder whose {@code config.json} holds the registry credentials (its
   *     {@code auths} entries, as {@code docker --config <folder> login} writes them); empty for
   *     docker-java's default ({@code $DOCKER_CONFIG}, else {@code ~/.docker})
   */
  public DockerEngine(Optional<Path> configDir) {
    this.configDir = configDir;
  }

  /**
   * The client, made on the first call.
   *
   * @throws ContainerException naming the engine's address when its unix socket does not exist (a
   *     node without an engine, such as a container node: docs/templates.md, "Container nodes")
   */
  public synchronized DockerClient client() {
    if (client == null) {
      DefaultDockerClientConfig.Builder builder =
          DefaultDockerClientConfig.createDefaultConfigBuilder();
      configDir.ifPresent(dir -> builder.withDockerConfig(dir.toString()));
      DockerClientConfig config = builder.build();
      Optional<String> missing = missing(config.getDockerHost());
      if (missing.isPresent()) {
        throw new ContainerException(missing.get());
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

  /**
   * Why this node has no engine to talk to (the unix socket it would use does not exist), or empty
   * when it may have one. Makes no client.
   */
  public synchronized Optional<String> missing() {
    return client != null
        ? Optional.empty()
        : missing(DefaultDockerClientConfig.createDefaultConfigBuilder().build().getDockerHost());
  }

  private static Optional<String> missing(URI host) {
    if ("unix".equals(host.getScheme()) && !Files.exists(Path.of(host.getPath()))) {
      return Optional.of(
          "no container engine on this node: its socket "
              + host
              + " does not exist (DOCKER_HOST names another)");
    }
    return Optional.empty();
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
