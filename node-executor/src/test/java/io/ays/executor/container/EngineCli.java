package io.ays.executor.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine the container tests use, and its command-line client. By default the node's Docker
 * engine ({@code DOCKER_HOST}, else {@code /var/run/docker.sock}); {@code
 * -Days.container.host=unix:///path/podman.sock} aims both the executor's client and the {@code
 * docker} CLI the tests check with at another Docker-compatible socket, such as Podman's
 * (docs/templates.md, "Engine").
 */
final class EngineCli {

  /** The engine's address, or null for docker's default. */
  static final String HOST = System.getProperty("ays.container.host");

  private EngineCli() {}

  /** Aims the executor's engine client (docker-java reads {@code DOCKER_HOST} from here too). */
  static void aimClient() {
    if (HOST != null) {
      System.setProperty("DOCKER_HOST", HOST);
    }
  }

  /**
   * Runs the docker CLI against the engine, as a user of the node would, and returns its output.
   */
  static String docker(String... args) throws Exception {
    return run(false, args);
  }

  /** As {@link #docker}, failing the test with the output unless the command succeeds. */
  static String dockerOk(String... args) throws Exception {
    return run(true, args);
  }

  private static String run(boolean mustSucceed, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("docker"));
    if (HOST != null) {
      command.addAll(List.of("-H", HOST));
    }
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    if (mustSucceed) {
      assertThat(process.exitValue()).as("%s: %s", command, out).isZero();
    }
    return out;
  }
}
