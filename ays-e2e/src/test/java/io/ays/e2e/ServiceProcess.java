package io.ays.e2e;

import io.ays.contracts.auth.Roles;
import io.ays.testing.Readiness;
import io.ays.testing.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One AYS service running as its own JVM, from its packaged Quarkus app. */
final class ServiceProcess implements AutoCloseable {

  /** The tests' REST calls are an admin's: they are not about who may call. */
  private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final Path log;
  private final Process process;
  private final ProcessBuilder builder;

  private ServiceProcess(String name, int port, Path log, Process process, ProcessBuilder builder) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
    this.builder = builder;
  }

  /** Starts {@code module}'s app on {@code port} with {@code env}, logging to {@code logDir}. */
  static ServiceProcess start(
      Path projectDir, String module, int port, Map<String, String> env, Path logDir)
      throws IOException {
    Path jar = projectDir.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the services first");
    }
    Files.createDirectories(logDir);
    Path log = logDir.resolve(module + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.environment().put("AYS_HTTP_PORT", String.valueOf(port));
    builder.environment().put("AYS_HTTP_HOST", "127.0.0.1");
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new ServiceProcess(module, port, log, builder.start(), builder);
  }

  /** Waits until {@code /q/health/ready} answers 200. */
  void awaitReady(Duration timeout) throws InterruptedException {
    Readiness.await(url("").toString(), name + " (log: " + log + ")", timeout, process::isAlive);
  }

  /** Whether the process runs and {@code /q/health/ready} answers 200 now. */
  boolean isReady() {
    if (!process.isAlive()) {
      return false;
    }
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(url("/q/health/ready"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** GET {@code path}; returns status and body. */
  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(url(path)).header("Authorization", ADMIN).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** POST JSON to {@code path}. */
  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(url(path))
            .header("Authorization", ADMIN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Kills the service with SIGKILL (no shutdown hook runs, as in a crash or an OOM kill) and starts
   * it again with the same port and environment.
   */
  ServiceProcess killAndRestart() throws IOException, InterruptedException {
    kill();
    return startAgain();
  }

  /** Kills the service with SIGKILL (no shutdown hook runs) and waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  /** Starts the service again, from the same app, with the same port and environment. */
  ServiceProcess startAgain() throws IOException {
    return new ServiceProcess(name, port, log, builder.start(), builder);
  }

  String name() {
    return name;
  }

  /**
   * Stops the service (SIGTERM, as an operator's restart does) and starts it again on the same port
   * with {@code changes} applied to its environment: a variable mapped to null is removed.
   */
  ServiceProcess restartWith(Map<String, String> changes) {
    close();
    changes.forEach(
        (name, value) -> {
          if (value == null) {
            builder.environment().remove(name);
          } else {
            builder.environment().put(name, value);
          }
        });
    try {
      return new ServiceProcess(name, port, log, builder.start(), builder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path log() {
    return log;
  }

  /** Whether the service's process ended within {@code timeout}. */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Asks the service to stop (SIGTERM) without waiting; {@link #close} waits for it. */
  void requestStop() {
    process.destroy();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
