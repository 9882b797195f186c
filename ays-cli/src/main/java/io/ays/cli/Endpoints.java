package io.ays.cli;

import io.ays.cli.kafka.KafkaConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where AYS is: the Kafka bootstrap servers (and the Kafka client settings file, if one is named)
 * and the three REST services the CLI asks. Filled from the global options, the environment ({@code
 * AYS_KAFKA_BOOTSTRAP}, {@code AYS_COORDINATOR_URL}, {@code AYS_REGISTRY_URL}, {@code
 * AYS_MONITOR_URL}), the context of the config file, and then from the ports {@code ./ays up} uses
 * ({@link Settings}).
 */
public record Endpoints(
    String kafka, URI coordinator, URI registry, URI monitor, Path kafkaClientConfig) {

  /** Checks each address so that a typo is reported by name before anything is sent. */
  public static Endpoints of(String kafka, String coordinator, String registry, String monitor) {
    return of(kafka, coordinator, registry, monitor, null);
  }

  /** As {@link #of(String, String, String, String)}, with a Kafka client settings file. */
  public static Endpoints of(
      String kafka, String coordinator, String registry, String monitor, Path kafkaClientConfig) {
    if (kafka == null || kafka.isBlank()) {
      throw CliException.usage("--kafka: give host:port[,host:port...]");
    }
    return new Endpoints(
        kafka.strip(),
        url(coordinator, "--coordinator"),
        url(registry, "--registry"),
        url(monitor, "--monitor"),
        kafkaClientConfig);
  }

  /** How to reach Kafka: the address and the credentials file. */
  public KafkaConnection kafkaConnection() {
    return new KafkaConnection(kafka, kafkaClientConfig);
  }

  /** The text as an http(s) URL without a trailing slash, or a usage error naming the option. */
  public static URI url(String text, String option) {
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
