package io.ays.contracts.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

  private final SecretBox box = new SecretBox(SecretBox.newKey());

  @Test
  void aSealedValueOpensToTheClearValue() {
    String sealed = box.seal("s3cret-pässword");
    assertThat(sealed).startsWith("enc:v1:").doesNotContain("s3cret");
    assertThat(SecretBox.isSealed(sealed)).isTrue();
    assertThat(box.open(sealed)).isEqualTo("s3cret-pässword");
  }

  @Test
  void everySealUsesAFreshIv() {
    assertThat(box.seal("same")).isNotEqualTo(box.seal("same"));
  }

  @Test
  void aTamperedValueIsRefused() {
    String sealed = box.seal("secret");
    byte[] raw = Base64.getDecoder().decode(sealed.substring(SecretBox.PREFIX.length()));
    raw[raw.length - 1] ^= 1;
    String tampered = SecretBox.PREFIX + Base64.getEncoder().encodeToString(raw);
    assertThatThrownBy(() -> box.open(tampered))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("changed");
  }

  @Test
  void aValueSealedWithAnotherKeyIsRefused() {
    String sealed = new SecretBox(SecretBox.newKey()).seal("secret");
    assertThatThrownBy(() -> box.open(sealed)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void textThatIsNotSealedIsRefused() {
    assertThatThrownBy(() -> box.open("secret")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> box.open("enc:v1:AAAA")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aKeyIs256Bits() {
    assertThatThrownBy(() -> new SecretBox(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void aKeyFileIsMadeOwnerOnlyAndReadBack(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys/secrets.key");
    SecretBox.writeNewKey(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    SecretBox fromFile = SecretBox.fromKeyFile(file);
    assertThat(SecretBox.fromKeyFile(file).open(fromFile.seal("x"))).isEqualTo("x");
    Files.writeString(dir.resolve("bad.key"), "not base64!");
    assertThatThrownBy(() -> SecretBox.fromKeyFile(dir.resolve("bad.key")))
        .hasMessageContaining("bad.key");
  }
}
