package io.ays.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ays.contracts.secrets.SecretBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./ays up} makes the secrets key once and keeps it afterwards. */
class LocalSecretsKeyTest {

  @Test
  void makesAnOwnerOnlyKeyOnceThenKeepsIt(@TempDir Path home) throws Exception {
    Path file = home.resolve("keys/secrets.key");
    String[] args = {"--key-file", file.toString()};

    LocalSecretsKey.main(args);
    String first = Files.readString(file);
    LocalSecretsKey.main(args);

    assertThat(Files.readString(file)).isEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String sealed = SecretBox.fromKeyFile(file).seal("x");
    assertThat(SecretBox.fromKeyFile(file).open(sealed)).isEqualTo("x");
  }

  @Test
  void refusesAFileThatHoldsNoKey(@TempDir Path home) throws Exception {
    Path file = Files.writeString(home.resolve("secrets.key"), "short");
    assertThatThrownBy(() -> LocalSecretsKey.main(new String[] {"--key-file", file.toString()}))
        .hasMessageContaining("secrets.key");
  }
}
