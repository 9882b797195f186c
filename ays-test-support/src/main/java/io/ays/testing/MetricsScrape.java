package io.ays.testing;

import io.ays.contracts.auth.Roles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scrapes a service's {@code /q/metrics} as Prometheus would (a viewer's token), and checks it
 * against {@code deploy/prometheus/exported-metrics.txt}: the list of series the services export,
 * which the Grafana dashboard and the alert rules may use (ays-deploy-test checks that they use
 * nothing else). A series renamed in the code fails its service's scrape test until the list, and
 * with it the dashboard and rules, follow.
 */
public final class MetricsScrape {

  private static final Path LIST =
      Path.of(
          System.getProperty("ays.project.dir", ".."), "deploy/prometheus/exported-metrics.txt");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private MetricsScrape() {}

  /** {@code GET <base>q/metrics} with a viewer's token, parsed; fails unless it answers 200. */
  public static PrometheusText scrape(URI base) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/q/metrics"))
            .header("Authorization", TestTokens.bearer(Roles.VIEWER))
            .timeout(Duration.ofSeconds(30))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(
            "GET /q/metrics answered " + response.statusCode() + ": " + response.body());
      }
      // Kept for whoever reads a failed test: what the service served, as it served it.
      Files.writeString(Path.of("target", "last-metrics-scrape.txt"), response.body());
      return PrometheusText.parse(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The series names the list gives for {@code service} (e.g. {@code lifecycle-coordinator}). */
  public static Set<String> listedFor(String service) {
    Set<String> names = new TreeSet<>();
    try {
      for (String line : Files.readAllLines(LIST)) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length == 2 && !line.startsWith("#") && fields[0].equals(service)) {
          names.add(fields[1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + LIST.toAbsolutePath(), e);
    }
    if (names.isEmpty()) {
      throw new AssertionError(LIST + " lists no series for " + service);
    }
    return names;
  }

  /** Fails naming every series the list gives for {@code service} that the scrape lacks. */
  public static void assertExportsWhatTheListSays(PrometheusText scrape, String service) {
    Set<String> missing = new TreeSet<>(listedFor(service));
    missing.removeAll(scrape.names());
    if (!missing.isEmpty()) {
      throw new AssertionError(
          service
              + " does not export "
              + missing
              + " that "
              + LIST.getFileName()
              + " lists (it exports "
              + scrape.names()
              + ")");
    }
  }
}
