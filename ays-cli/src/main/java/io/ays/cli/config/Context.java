package io.ays.cli.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One named context of the config file: where an AYS is (Kafka, the three REST services) and the
 * files holding its secrets. Every field may be missing: what is missing comes from the defaults of
 * {@code ./ays up}. Secrets themselves are never fields here, only the files that hold them.
 *
 * @param kafka Kafka bootstrap servers, host:port[,host:port...]
 * @param kafkaConfig a Kafka client settings file (security.protocol, SASL, the password), mode
 *     0600
 * @param coordinator the lifecycle-coordinator's URL
 * @param registry the template-registry's URL
 * @param monitor the monitor-service's URL
 * @param tokenFile a file holding the bearer token, mode 0600
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"kafka", "kafka-config", "coordinator", "registry", "monitor", "token-file"})
public record Context(
    @JsonProperty("kafka") String kafka,
    @JsonProperty("kafka-config") String kafkaConfig,
    @JsonProperty("coordinator") String coordinator,
    @JsonProperty("registry") String registry,
    @JsonProperty("monitor") String monitor,
    @JsonProperty("token-file") String tokenFile) {

  /** The settings a context may have, as the file and {@code set-context} name them. */
  public static final String SETTINGS =
      "kafka, kafka-config, coordinator, registry, monitor, token-file";

  public static Context empty() {
    return new Context(null, null, null, null, null, null);
  }

  /** This context with each non-null value of {@code changes} replacing its own. */
  public Context with(Context changes) {
    return new Context(
        pick(changes.kafka, kafka),
        pick(changes.kafkaConfig, kafkaConfig),
        pick(changes.coordinator, coordinator),
        pick(changes.registry, registry),
        pick(changes.monitor, monitor),
        pick(changes.tokenFile, tokenFile));
  }

  private static String pick(String changed, String current) {
    return changed != null ? changed : current;
  }
}
