package io.ays.contracts.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secret values for storage with AES-256-GCM: a random 12-byte IV per value, the text
 * stored as {@code enc:v1:<base64(iv | ciphertext | tag)>}. A changed text or another key is
 * refused, never decrypted to garbage.
 */
public final class SecretBox {

  /** The prefix of an encrypted value; version 1 is AES-256-GCM with a 12-byte IV. */
  public static final String PREFIX = "enc:v1:";

  /** What a secret value is shown as. */
  public static final String MASK = "***";

  private static final int KEY_BYTES = 32;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  public SecretBox(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "a secrets key is 32 bytes (256 bits), this one is " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /** A new random 256-bit key. */
  public static byte[] newKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  /**
   * The key in {@code file}: its base64 text (surrounding white space ignored).
   *
   * @throws IllegalArgumentException naming the file if it holds no 256-bit base64 key
   */
  public static SecretBox fromKeyFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the secrets key " + file, e);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + " does not hold a base64 key");
    }
    try {
      return new SecretBox(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }

  /** Writes a new random key to {@code file} as base64, mode 0600 where the file system allows. */
  public static void writeNewKey(Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.createFile(file);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the file keeps its default mode
      }
      Files.writeString(
          file, Base64.getEncoder().encodeToString(newKey()) + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the secrets key " + file, e);
    }
  }

  /** Whether {@code value} is a text this class encrypted. */
  public static boolean isSealed(Object value) {
    return value instanceof String text && text.startsWith(PREFIX);
  }

  /** {@code clear} encrypted, as {@code enc:v1:...}. */
  public String seal(String clear) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed);
      return PREFIX + Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
    }
  }

  /**
   * The clear text of {@code sealed}.
   *
   * @throws IllegalArgumentException if it is not an {@code enc:v1:} text, was changed, or was
   *     encrypted with another key
   */
  public String open(String sealed) {
    if (!isSealed(sealed)) {
      throw new IllegalArgumentException("not an encrypted value (expected " + PREFIX + "...)");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("an encrypted value is not base64");
    }
    if (raw.length < IV_BYTES + TAG_BITS / 8) {
      throw new IllegalArgumentException("an encrypted value is too short");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
      return new String(
          cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new IllegalArgumentException("an encrypted value was changed or made with another key");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
    }
  }
}
