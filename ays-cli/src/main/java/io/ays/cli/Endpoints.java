package io.ays.cli;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where AYS is: the Kafka bootstrap servers and the three REST services the CLI asks. Filled from
 * the global options, whose defaults come from the environment ({@code AYS_KAFKA_BOOTSTRAP}, {@code
 * AYS_COORDINATOR_URL}, {@code AYS_REGISTRY_URL}, {@code AYS_MONITOR_URL}) and then from the ports
 * {@code ./ays up} uses.
 */
public record Endpoints(String kafka, URI coordinator, URI registry, URI monitor) {

  /** Checks each address so that a typo is reported by name before anything is sent. */
  public static Endpoints of(String kafka, String coordinator, String registry, String monitor) {
    if (kafka == null || kafka.isBlank()) {
      throw CliException.usage("--kafka: give host:port[,host:port...]");
    }
    return new Endpoints(
        kafka.strip(),
        url(coordinator, "--coordinator"),
        url(registry, "--registry"),
        url(monitor, "--monitor"));
  }

  private static URI url(String text, String option) {
    try {
      URI uri = new URI(text.strip());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw CliException.usage(option + ": '" + text + "' is not an http(s) URL");
      }
      // Paths are appended to it: no trailing slash.
      String s = uri.toString();
      return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    } catch (URISyntaxException e) {
      throw CliException.usage(
          option + ": '" + text + "' is not an http(s) URL (" + e.getReason() + ")");
    }
  }
}
