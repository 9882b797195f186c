package io.ays.coordinator.bench;

import io.ays.contracts.kafka.KafkaClientConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Kafka the orchestration benchmark uses: a plain broker in its own JVM (the default), or a
 * broker given by {@code AYS_BENCH_KAFKA_BOOTSTRAP} with the client settings file {@code
 * AYS_BENCH_KAFKA_CLIENT_CONFIG} (e.g. the admin's of {@code ./ays up --infra}, SASL_PLAINTEXT or,
 * with {@code AYS_KAFKA_TLS=1}, SASL_SSL), used by every client of the benchmark and by the
 * coordinator alike, as a service's {@code AYS_KAFKA_CLIENT_CONFIG}.
 */
final class BenchKafka {

  private static final Optional<String> EXTERNAL_BOOTSTRAP =
      Optional.ofNullable(System.getenv("AYS_BENCH_KAFKA_BOOTSTRAP")).filter(s -> !s.isBlank());
  private static final Optional<Path> CLIENT_CONFIG =
      Optional.ofNullable(System.getenv("AYS_BENCH_KAFKA_CLIENT_CONFIG"))
          .filter(s -> !s.isBlank())
          .map(Path::of);
  private static final Map<String, String> SECURITY =
      CLIENT_CONFIG.map(file -> KafkaClientConfig.read(file).properties()).orElse(Map.of());

  private BenchKafka() {}

  /** The external broker's bootstrap servers, if one is given. */
  static Optional<String> externalBootstrap() {
    return EXTERNAL_BOOTSTRAP;
  }

  /** The client settings file the coordinator is given too, if any. */
  static Optional<Path> clientConfig() {
    return CLIENT_CONFIG;
  }

  /** What the benchmark reports: the security protocol of its clients. */
  static String protocol() {
    return SECURITY.getOrDefault("security.protocol", "PLAINTEXT");
  }

  /** A client's settings: the bootstrap servers, the security settings, then its own. */
  static Map<String, Object> settings(String bootstrap, Map<String, Object> own) {
    Map<String, Object> settings = new HashMap<>(SECURITY);
    settings.put("bootstrap.servers", bootstrap);
    settings.putAll(own);
    return settings;
  }
}
