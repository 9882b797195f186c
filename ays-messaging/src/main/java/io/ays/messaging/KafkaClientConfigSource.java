package io.ays.messaging;

import io.ays.contracts.kafka.KafkaClientConfig;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * Makes the Kafka client settings file named by {@code ays.kafka.client-config} (env {@code
 * AYS_KAFKA_CLIENT_CONFIG}) part of the service's configuration as {@code kafka.<setting>}: Quarkus
 * gathers every {@code kafka.} property into the {@code default-kafka-broker} map that configures
 * every channel of the Kafka connector, and {@link KafkaSender} builds its producer from the same
 * map, so one file secures every client of the service (docs/security.md, "Kafka").
 *
 * <p>Its ordinal sits above application.properties (250) and below the environment (300): the file
 * wins over the built-in defaults (e.g. its own {@code bootstrap.servers}), an explicit {@code
 * KAFKA_...} variable still wins over the file.
 */
public final class KafkaClientConfigSource implements ConfigSourceFactory {

  private static final Logger LOG = Logger.getLogger(KafkaClientConfigSource.class);
  static final int ORDINAL = 275;

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    ConfigValue named = context.getValue(KafkaClientConfig.PROPERTY);
    if (named == null || named.getValue() == null || named.getValue().isBlank()) {
      return List.of();
    }
    KafkaClientConfig config = KafkaClientConfig.read(Path.of(named.getValue().strip()));
    config.permissionWarning().ifPresent(LOG::warn);
    LOG.infof("Kafka clients use %s", config);
    Map<String, String> prefixed = new HashMap<>();
    config.properties().forEach((key, value) -> prefixed.put("kafka." + key, value));
    return List.of(
        new PropertiesConfigSource(
            prefixed, "ays Kafka client settings " + config.file(), ORDINAL));
  }
}
