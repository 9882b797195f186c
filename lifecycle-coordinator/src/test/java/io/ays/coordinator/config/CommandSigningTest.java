package io.ays.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ays.testing.TestSigningKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator starts only with a readable signing key, and says which setting is missing. */
class CommandSigningTest {

  @Test
  void noKeyStopsTheCoordinatorNamingTheProperty() {
    assertThatThrownBy(() -> CommandSigning.load(Optional.empty(), "ays-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ays.coordinator.signing.key-file")
        .hasMessageContaining("AYS_SIGNING_KEY_FILE");
  }

  @Test
  void aFileThatIsNotAPrivateKeyIsNamed(@TempDir Path dir) throws Exception {
    Path wrong = Files.writeString(dir.resolve("signing.pem"), "not a key");

    assertThatThrownBy(() -> CommandSigning.load(Optional.of(wrong), "ays-1"))
        .hasMessageContaining("ays.coordinator.signing.key-file")
        .hasMessageContaining(wrong.toString())
        .hasMessageNotContaining("not a key");
    assertThatThrownBy(() -> CommandSigning.load(Optional.of(dir.resolve("missing.pem")), "ays-1"))
        .hasMessageContaining("cannot read");
  }

  @Test
  void aKeyFileGivesASignerWithItsId() {
    assertThat(CommandSigning.load(Optional.of(TestSigningKeys.privateKeyFile()), "ays-7").keyId())
        .isEqualTo("ays-7");
  }
}
