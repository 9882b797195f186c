package io.ays.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ays.contracts.kafka.KafkaClientConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code AYS_KAFKA_TLS} switched on and off again ({@code ./ays up} passes {@code --tls-ca} or
 * not): every client settings file follows, for Java clients and kcat, and keeps its password. The
 * broker side is tested by TutorialEndToEndTest (ays-e2e), which runs the tutorial over TLS.
 */
class KafkaCredentialsTest {

  @TempDir Path dir;

  @Test
  void switchingTlsOnAndOffRewritesTheTransportAndKeepsThePassword() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    Path credentialsDir = dir.resolve("credentials");
    String password = new KafkaCredentials(credentialsDir).ensure("ays-operator");
    Path file = credentialsDir.resolve("ays-operator.properties");
    Path kcat = credentialsDir.resolve("ays-operator.librdkafka.properties");
    assertThat(KafkaClientConfig.read(file).properties())
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .doesNotContainKey("ssl.truststore.location");

    new KafkaCredentials(credentialsDir, true, KafkaTransport.tls(ca)).ensure("ays-operator");

    assertThat(KafkaClientConfig.read(file).properties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.location", ca.toAbsolutePath().toString())
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    assertThat(Files.readAllLines(kcat))
        .contains("security.protocol=SASL_SSL", "ssl.ca.location=" + ca.toAbsolutePath())
        .containsOnlyOnce("security.protocol=SASL_SSL");
    assertThat(KafkaCredentials.passwordIn(file)).isEqualTo(password);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kcat)))
        .isEqualTo("rw-------");

    new KafkaCredentials(credentialsDir).ensure("ays-operator");

    assertThat(Files.readString(file))
        .contains("security.protocol=SASL_PLAINTEXT")
        .doesNotContain("ssl.");
    assertThat(Files.readString(kcat))
        .contains("security.protocol=SASL_PLAINTEXT")
        .doesNotContain("ssl.");
    assertThat(KafkaCredentials.passwordIn(file)).isEqualTo(password);
    assertThat(Files.readAllLines(kcat)).contains("sasl.password=" + password);
  }

  @Test
  void aMissingCaCertificateIsNamed() {
    Path missing = dir.resolve("no-ca.pem");
    assertThatThrownBy(() -> KafkaTransport.tls(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--tls-ca")
        .hasMessageContaining(missing.toString());
  }
}
