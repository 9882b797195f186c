package io.ays.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits until a service on the host network answers 200 on {@code /q/health/ready}, asked from the
 * test JVM. Testcontainers' own HTTP wait needs mapped ports, which host networking has not; and
 * waiting on the Docker HEALTHCHECK needs a short probe interval, whose `docker exec` per probe and
 * container cost most of a small machine's CPU while five JVMs start (measured: five containers
 * probed every second kept 0.75 of a core busy), so that startup took several minutes.
 */
final class HttpReadiness extends AbstractWaitStrategy {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final int port;

  HttpReadiness(int port) {
    this.port = port;
  }

  @Override
  protected void waitUntilReady() {
    URI uri = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
    long deadline = System.nanoTime() + startupTimeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!waitStrategyTarget.isRunning()) {
        throw new ContainerLaunchException("container exited before " + uri + " was ready");
      }
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (java.io.IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ContainerLaunchException("interrupted while waiting for " + uri, e);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ContainerLaunchException("interrupted while waiting for " + uri, e);
      }
    }
    throw new ContainerLaunchException(
        uri + " not ready within " + startupTimeout + "; last answer: " + last);
  }
}
