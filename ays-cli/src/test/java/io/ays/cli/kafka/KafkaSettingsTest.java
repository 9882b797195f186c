package io.ays.cli.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ays.cli.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSettingsTest {

  @TempDir Path home;

  @Test
  void theCredentialsThatAysUpWroteAreUsedWithoutAFlag() throws Exception {
    Path file = home.resolve("cli/kafka.properties");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n"
            + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"ays-operator\" password=\"abc123\";\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    Map<String, String> settings = KafkaSettings.security(Map.of("AYS_HOME", home.toString()));

    assertThat(settings)
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsKey("sasl.jaas.config");
  }

  @Test
  void aFileNamedForTheConnectionWinsOverTheOneAysUpWrote() throws Exception {
    Path local = home.resolve("cli/kafka.properties");
    Files.createDirectories(local.getParent());
    Files.writeString(local, "security.protocol=SASL_PLAINTEXT\n");
    Path cluster = home.resolve("prod-kafka.properties");
    Files.writeString(
        cluster,
        "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
            + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"ays-operator\" password=\"prod123\";\n");
    Files.setPosixFilePermissions(cluster, PosixFilePermissions.fromString("rw-------"));

    KafkaConnection prod = new KafkaConnection("kafka.example.org:9094", cluster);
    Map<String, Object> producer = KafkaSettings.producer(prod);

    assertThat(producer)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("bootstrap.servers", "kafka.example.org:9094");
    assertThat(KafkaSettings.security(cluster, Map.of("AYS_HOME", home.toString())))
        .containsEntry("security.protocol", "SASL_SSL");
  }

  @Test
  void withoutCredentialsTheConnectionIsPlain() {
    assertThat(KafkaSettings.security(Map.of("AYS_HOME", home.toString()))).isEmpty();
  }

  @Test
  void aMissingNamedFileIsAUsageErrorNamingIt() {
    Path missing = home.resolve("nope.properties");

    assertThatThrownBy(
            () -> KafkaSettings.security(Map.of("AYS_KAFKA_CLIENT_CONFIG", missing.toString())))
        .isInstanceOf(CliException.class)
        .hasMessageContaining(missing.toString());
  }
}
