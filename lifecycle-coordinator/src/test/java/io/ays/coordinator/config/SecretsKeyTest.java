package io.ays.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ays.testing.TestSecretsKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator starts only with a readable secrets key, and says which setting is missing. */
class SecretsKeyTest {

  @Test
  void noKeyStopsTheCoordinatorNamingTheProperty() {
    assertThatThrownBy(() -> SecretsKey.load(Optional.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ays.coordinator.secrets.key-file")
        .hasMessageContaining("AYS_SECRETS_KEY_FILE");
  }

  @Test
  void aFileThatHoldsNoKeyIsNamed(@TempDir Path dir) throws Exception {
    Path wrong = Files.writeString(dir.resolve("secrets.key"), "c2hvcnQ=");
    assertThatThrownBy(() -> SecretsKey.load(Optional.of(wrong)))
        .hasMessageContaining("ays.coordinator.secrets.key-file")
        .hasMessageContaining(wrong.toString());
    assertThatThrownBy(() -> SecretsKey.load(Optional.of(dir.resolve("missing.key"))))
        .hasMessageContaining("cannot read");
  }

  @Test
  void theTestKeyOpensWhatItSealed() {
    var box = SecretsKey.load(Optional.of(TestSecretsKey.keyFile()));
    assertThat(TestSecretsKey.box().open(box.seal("x"))).isEqualTo("x");
  }

  @Test
  void aRingOfTheNewKeyAndTheOldOnesOpensWhatEachSealedAndSealsWithTheNew(@TempDir Path dir) {
    Path newKey = dir.resolve("new.key");
    io.ays.contracts.secrets.SecretBox.writeNewKey(newKey);
    String old = TestSecretsKey.box().seal("before the rotation");

    var ring =
        SecretsKey.load(
            Optional.of(newKey), "k2", java.util.List.of("k1=" + TestSecretsKey.keyFile()));

    assertThat(ring.open(old)).isEqualTo("before the rotation");
    assertThat(ring.seal("after")).startsWith("enc:v2:k2:");
    assertThatThrownBy(() -> SecretsKey.load(Optional.of(newKey), "k2", java.util.List.of("k1")))
        .hasMessageContaining("ays.coordinator.secrets.old-keys")
        .hasMessageContaining("'k1' is not <key id>=<file>");
    assertThatThrownBy(
            () ->
                SecretsKey.load(
                    Optional.of(newKey), "k2", java.util.List.of("k1=" + dir.resolve("gone"))))
        .hasMessageContaining("ays.coordinator.secrets.old-keys (k1): cannot read");
  }
}
