package io.ays.cli.kafka;

import io.ays.cli.CliException;
import io.ays.contracts.kafka.KafkaClientConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Client settings of the CLI. Short timeouts: a person at a terminal must learn within seconds that
 * Kafka is not there, not after the client's default minute.
 */
public final class KafkaSettings {

  /** How long to wait for Kafka to answer at all (metadata, a send's acknowledgement). */
  public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

  /** The command line's Kafka credentials under {@code AYS_HOME}, written by {@code ./ays up}. */
  static final String CLI_CONFIG = "cli/kafka.properties";

  private KafkaSettings() {}

  /** An idempotent producer that waits for every replica (acks=all), as the contract asks. */
  public static Map<String, Object> producer(KafkaConnection kafka) {
    Map<String, Object> config = common(kafka);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ANSWER_TIMEOUT.toMillis());
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ANSWER_TIMEOUT.toMillis());
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ANSWER_TIMEOUT.toMillis() * 2);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return config;
  }

  /**
   * A consumer without a group: the CLI reads what happens from now on, assigning itself every
   * partition, and commits nothing, so it leaves no consumer group behind.
   */
  public static Map<String, Object> consumer(KafkaConnection kafka) {
    Map<String, Object> config = common(kafka);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ANSWER_TIMEOUT.toMillis());
    config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ANSWER_TIMEOUT.toMillis());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return config;
  }

  private static Map<String, Object> common(KafkaConnection kafka) {
    Map<String, Object> config = new HashMap<>();
    // The credentials first: the address and the CLI's own settings below win over the file's.
    config.putAll(security(kafka.clientConfig(), System.getenv()));
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "ays-cli");
    // Fail over quickly between brokers instead of backing off for long.
    config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    return config;
  }

  /**
   * The Kafka client security settings: the file named by {@code AYS_KAFKA_CLIENT_CONFIG}, else
   * {@code $AYS_HOME/cli/kafka.properties} (the operator principal's, which {@code ./ays up}
   * writes), else none (a plain connection).
   */
  static Map<String, String> security(Map<String, String> env) {
    return security(null, env);
  }

  /**
   * The settings of the named file (--kafka-config or the context's), else as {@link #security}.
   */
  static Map<String, String> security(Path clientConfig, Map<String, String> env) {
    try {
      return (clientConfig != null
              ? Optional.of(KafkaClientConfig.read(clientConfig))
              : KafkaClientConfig.fromEnvironment(env, CLI_CONFIG))
          .map(
              config -> {
                config.permissionWarning().ifPresent(w -> System.err.println("ays: warning: " + w));
                return config.properties();
              })
          .orElse(Map.of());
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /** The error hint for Kafka, naming the option and the variable. */
  public static String hint() {
    return "is AYS up (./ays ps)? --kafka or AYS_KAFKA_BOOTSTRAP sets the address,"
        + " --kafka-config or AYS_KAFKA_CLIENT_CONFIG the credentials (or a context: ays config)";
  }
}
