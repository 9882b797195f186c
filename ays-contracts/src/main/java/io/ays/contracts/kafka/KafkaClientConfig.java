package io.ays.contracts.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Kafka client security settings of one principal: a standard Kafka client properties file (the
 * format of {@code kafka-console-producer.sh --command-config}, e.g. {@code security.protocol},
 * {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.truststore.location}), named by
 * {@code AYS_KAFKA_CLIENT_CONFIG} (property {@code ays.kafka.client-config}) and merged into every
 * producer, consumer and admin client of a service, of the command line and of the local tools
 * (docs/security.md, "Kafka"). The file holds a password: it is never logged, and {@link
 * #toString()} names only the settings that are not secret.
 */
public final class KafkaClientConfig {

  /** The environment variable naming the file. */
  public static final String ENV = "AYS_KAFKA_CLIENT_CONFIG";

  /** The configuration property naming the file (services). */
  public static final String PROPERTY = "ays.kafka.client-config";

  private static final Set<String> PROTOCOLS =
      Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

  private final Path file;
  private final Map<String, String> properties;

  private KafkaClientConfig(Path file, Map<String, String> properties) {
    this.file = file;
    this.properties = properties;
  }

  /**
   * Reads and checks the file; an error names the file and the setting at fault.
   *
   * @throws IllegalArgumentException if the file is missing, unreadable or not valid
   */
  public static KafkaClientConfig read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(ENV + ": no file " + file);
    }
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(ENV + ": cannot read " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> values = new TreeMap<>();
    for (String key : props.stringPropertyNames()) {
      values.put(key.strip(), props.getProperty(key).strip());
    }
    String protocol = values.get("security.protocol");
    if (protocol != null && !PROTOCOLS.contains(protocol.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          file + ": security.protocol '" + protocol + "' is not one of " + PROTOCOLS);
    }
    if (protocol != null
        && protocol.toUpperCase(Locale.ROOT).startsWith("SASL_")
        && !values.containsKey("sasl.jaas.config")) {
      throw new IllegalArgumentException(
          file + ": security.protocol " + protocol + " needs sasl.jaas.config (the credentials)");
    }
    return new KafkaClientConfig(file, Collections.unmodifiableMap(values));
  }

  /**
   * The file named by {@code AYS_KAFKA_CLIENT_CONFIG}, else {@code $AYS_HOME/<fallback>} if that
   * file exists (what {@code ./ays up} writes), else none: a plain connection.
   */
  public static Optional<KafkaClientConfig> fromEnvironment(
      Map<String, String> env, String fallbackUnderAysHome) {
    String named = env.get(ENV);
    if (named != null && !named.isBlank()) {
      return Optional.of(read(Path.of(named.strip())));
    }
    String home = env.get("AYS_HOME");
    if (home != null && !home.isBlank()) {
      Path fallback = Path.of(home.strip()).resolve(fallbackUnderAysHome);
      if (Files.isRegularFile(fallback)) {
        return Optional.of(read(fallback));
      }
    }
    return Optional.empty();
  }

  /** The settings, to merge into a client's configuration. */
  public Map<String, String> properties() {
    return properties;
  }

  public Path file() {
    return file;
  }

  /**
   * A warning when users other than the owner may read the file (it holds a password); empty when
   * only the owner (and the group) may, or where the file system has no POSIX permissions.
   */
  public Optional<String> permissionWarning() {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.OTHERS_READ)) {
        return Optional.of(
            file + " (Kafka credentials) is readable by every user: chmod 600 " + file);
      }
    } catch (UnsupportedOperationException | IOException e) {
      // No POSIX permissions to check (e.g. Windows): nothing to warn about.
    }
    return Optional.empty();
  }

  /** Where the settings come from and what they are, without any secret. */
  @Override
  public String toString() {
    return "Kafka client settings from "
        + file
        + " (security.protocol="
        + properties.getOrDefault("security.protocol", "PLAINTEXT")
        + (properties.containsKey("sasl.mechanism")
            ? ", sasl.mechanism=" + properties.get("sasl.mechanism")
            : "")
        + ")";
  }
}
