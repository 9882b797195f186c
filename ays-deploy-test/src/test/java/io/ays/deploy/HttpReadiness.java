package io.ays.deploy;

import io.ays.testing.Readiness;
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

  private final int port;

  HttpReadiness(int port) {
    this.port = port;
  }

  @Override
  protected void waitUntilReady() {
    try {
      Readiness.await(
          "http://127.0.0.1:" + port,
          "the container listening on " + port,
          startupTimeout,
          waitStrategyTarget::isRunning);
    } catch (IllegalStateException e) {
      throw new ContainerLaunchException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerLaunchException("interrupted while waiting for port " + port, e);
    }
  }
}
