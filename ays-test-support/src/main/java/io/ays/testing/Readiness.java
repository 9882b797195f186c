package io.ays.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for an AYS service started by a test or a benchmark (a process or a container) until its
 * {@code /q/health/ready} answers 200, giving up as soon as the service is no longer running.
 */
public final class Readiness {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final long PAUSE_MILLIS = 250;

  private Readiness() {}

  /**
   * Returns once {@code base}{@code /q/health/ready} answers 200.
   *
   * @param what names the service in the failure, e.g. "the registry (log: ...)"
   * @param running whether the service still runs; once false, waiting stops with a failure
   * @throws IllegalStateException if the service stopped running or was not ready in time, with the
   *     last answer it gave
   */
  public static void await(String base, String what, Duration timeout, BooleanSupplier running)
      throws InterruptedException {
    URI uri = URI.create(base + "/q/health/ready");
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!running.getAsBoolean()) {
        throw new IllegalStateException(what + " stopped before it was ready");
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
      } catch (IOException notYet) {
        last = notYet.toString();
      }
      Thread.sleep(PAUSE_MILLIS);
    }
    throw new IllegalStateException(
        what + " was not ready within " + timeout + "; last answer from " + uri + ": " + last);
  }
}
