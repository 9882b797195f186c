package io.ays.contracts.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

  private final SecretBox box = new SecretBox(SecretBox.newKey());

  @Test
  void aSealedValueOpensToTheClearValue() {
    String sealed = box.seal("s3cret-pässword");
    assertThat(sealed).startsWith("enc:v2:k1:").doesNotContain("s3cret");
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
    String prefix = SecretBox.PREFIX + "k1:";
    byte[] raw = Base64.getDecoder().decode(sealed.substring(prefix.length()));
    raw[raw.length - 1] ^= 1;
    String tampered = prefix + Base64.getEncoder().encodeToString(raw);
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

  @Test
  void afterARotationTheNewKeySealsAndTheOldKeyStillOpensWhatItSealed() {
    byte[] oldKey = SecretBox.newKey();
    SecretBox before = new SecretBox("2026-01", oldKey, Map.of());
    String old = before.seal("kept");
    SecretBox after = new SecretBox("2026-12", SecretBox.newKey(), Map.of("2026-01", oldKey));

    assertThat(after.open(old)).isEqualTo("kept");
    assertThat(after.isCurrent(old)).isFalse();
    String fresh = after.seal("new");
    assertThat(fresh).startsWith("enc:v2:2026-12:");
    assertThat(after.isCurrent(fresh)).isTrue();
    assertThatThrownBy(() -> before.open(fresh))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the key 2026-12, which is not in the key ring [2026-01]");
  }

  @Test
  void aValueMovedUnderAnotherKeyIdOfTheRingIsRefused() {
    byte[] key = SecretBox.newKey();
    SecretBox ring = new SecretBox("a", key, Map.of("b", key));
    String sealed = ring.seal("x");
    String relabelled = sealed.replace("enc:v2:a:", "enc:v2:b:");
    assertThatThrownBy(() -> ring.open(relabelled))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("changed");
  }

  @Test
  void aValueSealedBeforeKeyIdsOpensWithTheKeyOfTheRingThatMadeIt() throws Exception {
    byte[] oldKey = SecretBox.newKey();
    String v1 = sealAsVersion1(oldKey, "from before");
    SecretBox ring = new SecretBox("new", SecretBox.newKey(), Map.of("old", oldKey));
    assertThat(ring.open(v1)).isEqualTo("from before");
    assertThat(ring.isCurrent(v1)).isFalse();
    assertThatThrownBy(() -> box.open(v1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside the key ring");
  }

  @Test
  void aMalformedOrDuplicateKeyIdIsRefusedNamingIt() {
    byte[] key = SecretBox.newKey();
    assertThatThrownBy(() -> new SecretBox("a:b", key, Map.of())).hasMessageContaining("'a:b'");
    assertThatThrownBy(() -> new SecretBox("a", key, Map.of("a", SecretBox.newKey())))
        .hasMessageContaining("the key id a is in the key ring twice");
  }

  /** The format values were stored in before key ids: {@code enc:v1:<base64(iv | ct | tag)>}. */
  private static String sealAsVersion1(byte[] key, String clear) throws Exception {
    byte[] iv = new byte[12];
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
    byte[] sealed = cipher.doFinal(clear.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] out = new byte[iv.length + sealed.length];
    System.arraycopy(iv, 0, out, 0, iv.length);
    System.arraycopy(sealed, 0, out, iv.length, sealed.length);
    return SecretBox.PREFIX_V1 + Base64.getEncoder().encodeToString(out);
  }
}
