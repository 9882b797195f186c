package io.ays.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientConfigSourceTest {

  @TempDir Path dir;

  @Test
  void theFileSettingsBecomeKafkaPropertiesThatWinOverApplicationProperties() throws Exception {
    Path file = dir.resolve("node-a.properties");
    Files.writeString(
        file,
        "security.protocol=SASL_PLAINTEXT\n"
            + "sasl.mechanism=SCRAM-SHA-512\n"
            + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"node-a\" password=\"0123abcd\";\n"
            + "bootstrap.servers=broker:9093\n");

    SmallRyeConfig config =
        configWith(
            Map.of(
                "ays.kafka.client-config",
                file.toString(),
                "kafka.bootstrap.servers",
                "localhost:9092"));

    assertThat(config.getValue("kafka.security.protocol", String.class))
        .isEqualTo("SASL_PLAINTEXT");
    assertThat(config.getValue("kafka.sasl.mechanism", String.class)).isEqualTo("SCRAM-SHA-512");
    assertThat(config.getValue("kafka.sasl.jaas.config", String.class))
        .contains("username=\"node-a\"");
    assertThat(config.getValue("kafka.bootstrap.servers", String.class)).isEqualTo("broker:9093");
  }

  @Test
  void withoutTheSettingNothingChanges() {
    SmallRyeConfig config = configWith(Map.of("kafka.bootstrap.servers", "localhost:9092"));

    assertThat(config.getOptionalValue("kafka.security.protocol", String.class)).isEmpty();
  }

  @Test
  void aMissingFileStopsTheServiceNamingIt() {
    Path missing = dir.resolve("nope.properties");

    assertThatThrownBy(() -> configWith(Map.of("ays.kafka.client-config", missing.toString())))
        .hasStackTraceContaining(missing.toString());
  }

  private static SmallRyeConfig configWith(Map<String, String> applicationProperties) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(applicationProperties, "application", 250))
        .withSources(new KafkaClientConfigSource())
        .build();
  }
}
