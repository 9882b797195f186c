package io.ays.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientConfigTest {

  private static final String SCRAM =
      "security.protocol=SASL_PLAINTEXT\n"
          + "sasl.mechanism=SCRAM-SHA-512\n"
          + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
          + " username=\"node-a\" password=\"s3cret-value\";\n";

  @TempDir Path dir;

  @Test
  void readsTheSettingsAndNeverShowsThePassword() throws Exception {
    Path file = write("node-a.properties", SCRAM, "rw-------");

    KafkaClientConfig config = KafkaClientConfig.read(file);

    assertThat(config.properties())
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsKey("sasl.jaas.config");
    assertThat(config.toString()).contains("SASL_PLAINTEXT").doesNotContain("s3cret-value");
    assertThat(config.permissionWarning()).isEmpty();
  }

  @Test
  void warnsWhenEveryUserMayReadTheFile() throws Exception {
    Path file = write("open.properties", SCRAM, "rw-r--r--");

    assertThat(KafkaClientConfig.read(file).permissionWarning())
        .hasValueSatisfying(w -> assertThat(w).contains(file.toString()).contains("chmod 600"));
  }

  @Test
  void badFilesAreRefusedNamingTheFileAndTheSetting() throws Exception {
    Path missing = dir.resolve("missing.properties");
    assertThatThrownBy(() -> KafkaClientConfig.read(missing))
        .hasMessageContaining(KafkaClientConfig.ENV)
        .hasMessageContaining(missing.toString());

    Path protocol = write("protocol.properties", "security.protocol=SASL_PLAIN\n", "rw-------");
    assertThatThrownBy(() -> KafkaClientConfig.read(protocol))
        .hasMessageContaining(protocol.toString())
        .hasMessageContaining("security.protocol");

    Path noCredentials =
        write(
            "nojaas.properties", "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n", "rw-------");
    assertThatThrownBy(() -> KafkaClientConfig.read(noCredentials))
        .hasMessageContaining("sasl.jaas.config");
  }

  @Test
  void theEnvironmentNamesTheFileElseAysHomeHoldsIt() throws Exception {
    Path named = write("named.properties", SCRAM, "rw-------");
    Files.createDirectories(dir.resolve("home/cli"));
    Path underHome = write("home/cli/kafka.properties", SCRAM, "rw-------");

    assertThat(
            KafkaClientConfig.fromEnvironment(
                Map.of(KafkaClientConfig.ENV, named.toString(), "AYS_HOME", dir + "/home"),
                "cli/kafka.properties"))
        .hasValueSatisfying(c -> assertThat(c.file()).isEqualTo(named));
    assertThat(
            KafkaClientConfig.fromEnvironment(
                Map.of("AYS_HOME", dir + "/home"), "cli/kafka.properties"))
        .hasValueSatisfying(c -> assertThat(c.file()).isEqualTo(underHome));
    assertThat(
            KafkaClientConfig.fromEnvironment(
                Map.of("AYS_HOME", dir + "/elsewhere"), "cli/kafka.properties"))
        .isEmpty();
  }

  private Path write(String name, String text, String mode) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }
}
