package io.ays.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./ays up} makes the signing key pair once and keeps it afterwards. */
class LocalSigningKeysTest {

  @Test
  void makesAnOwnerOnlyPairOnceThenKeepsIt(@TempDir Path home) throws Exception {
    Path privateKey = home.resolve("keys/signing.pem");
    Path publicKey = home.resolve("keys/signing.pub.pem");
    String[] args = {"--private-key", privateKey.toString(), "--public-key", publicKey.toString()};

    LocalSigningKeys.main(args);
    String first = Files.readString(privateKey);
    LocalSigningKeys.main(args);

    assertThat(Files.readString(privateKey)).isEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(publicKey)).startsWith("-----BEGIN PUBLIC KEY-----");
  }

  @Test
  void refusesHalfAPair(@TempDir Path home) throws Exception {
    Path publicKey = Files.writeString(home.resolve("signing.pub.pem"), "x");

    assertThatThrownBy(
            () ->
                LocalSigningKeys.main(
                    new String[] {
                      "--private-key", home.resolve("signing.pem").toString(),
                      "--public-key", publicKey.toString()
                    }))
        .hasMessageContaining("only one half");
  }
}
