package io.ays.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How AYS's Kafka clients reach the local broker: SASL/SCRAM in the clear ({@code SASL_PLAINTEXT},
 * the default) or over TLS ({@code SASL_SSL}, {@code AYS_KAFKA_TLS=1}), trusting the CA that {@code
 * ./ays up} made (a PEM certificate: no trust store password to hand around). It gives the lines of
 * a client settings file that say so, for Java clients and for librdkafka (kcat).
 */
record KafkaTransport(String protocol, Optional<Path> caCertificate) {

  /** The settings a transport owns in a client settings file; everything else is kept. */
  private static final List<String> JAVA_KEYS =
      List.of("security.protocol", "ssl.truststore.type", "ssl.truststore.location");

  private static final List<String> LIBRDKAFKA_KEYS =
      List.of("security.protocol", "ssl.ca.location");

  static final KafkaTransport PLAINTEXT = new KafkaTransport("SASL_PLAINTEXT", Optional.empty());

  /** SCRAM over TLS, trusting the CA certificate in this PEM file. */
  static KafkaTransport tls(Path caCertificate) {
    if (!Files.isRegularFile(caCertificate)) {
      throw new IllegalArgumentException(
          "--tls-ca: no CA certificate file " + caCertificate + " (./ays up makes it)");
    }
    return new KafkaTransport("SASL_SSL", Optional.of(caCertificate.toAbsolutePath()));
  }

  /** {@code --tls-ca FILE} given: TLS; else in the clear. */
  static KafkaTransport of(CommandLine cl) {
    String ca = cl.get("tls-ca", "");
    return ca.isBlank() ? PLAINTEXT : tls(Path.of(ca));
  }

  List<String> javaKeys() {
    return JAVA_KEYS;
  }

  List<String> librdkafkaKeys() {
    return LIBRDKAFKA_KEYS;
  }

  /** The Java client's lines ({@code key=value}) for this transport. */
  List<String> javaSettings() {
    return caCertificate
        .map(
            ca ->
                List.of(
                    "security.protocol=" + protocol,
                    "ssl.truststore.type=PEM",
                    "ssl.truststore.location=" + ca))
        .orElse(List.of("security.protocol=" + protocol));
  }

  /** librdkafka's lines for this transport. */
  List<String> librdkafkaSettings() {
    return caCertificate
        .map(ca -> List.of("security.protocol=" + protocol, "ssl.ca.location=" + ca))
        .orElse(List.of("security.protocol=" + protocol));
  }
}
