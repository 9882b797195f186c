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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secret values for storage with AES-256-GCM under a key ring: the current key seals,
 * every key of the ring opens. A value is stored as {@code enc:v2:<key id>:<base64(iv | ciphertext
 * | tag)>}, a random 12-byte IV per value and the key id as associated data; values written before
 * key ids ({@code enc:v1:<base64>}) open with whichever key of the ring made them. A changed text
 * or a key outside the ring is refused, never decrypted to garbage.
 */
public final class SecretBox {

  /** The prefix of a value this class seals: AES-256-GCM under the key named after it. */
  public static final String PREFIX = "enc:v2:";

  /** The prefix of a value sealed before key ids: AES-256-GCM under one of the ring's keys. */
  public static final String PREFIX_V1 = "enc:v1:";

  /** The id of the key of a ring made from one key file without an id. */
  public static final String DEFAULT_KEY_ID = "k1";

  /** What a secret value is shown as. */
  public static final String MASK = "***";

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final int KEY_BYTES = 32;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String currentId;
  private final Map<String, SecretKeySpec> keys;

  /** A ring of one key, {@value #DEFAULT_KEY_ID}. */
  public SecretBox(byte[] key) {
    this(DEFAULT_KEY_ID, key, Map.of());
  }

  /**
   * A ring whose key {@code currentId} seals and whose {@code older} keys (by id) still open.
   *
   * @throws IllegalArgumentException naming the id of a key that is not 256 bits, a malformed id,
   *     or an older key under the current key's id
   */
  public SecretBox(String currentId, byte[] current, Map<String, byte[]> older) {
    Map<String, SecretKeySpec> ring = new LinkedHashMap<>();
    ring.put(checkedId(currentId), spec(currentId, current));
    older.forEach(
        (id, key) -> {
          if (ring.put(checkedId(id), spec(id, key)) != null) {
            throw new IllegalArgumentException("the key id " + id + " is in the key ring twice");
          }
        });
    this.currentId = currentId;
    this.keys = Collections.unmodifiableMap(ring);
  }

  private static String checkedId(String id) {
    if (id == null || !KEY_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "a secrets key id is 1-64 letters, digits, '.', '_' or '-', not '" + id + "'");
    }
    return id;
  }

  private static SecretKeySpec spec(String id, byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "a secrets key is 32 bytes (256 bits), the key " + id + " is " + key.length);
    }
    return new SecretKeySpec(key.clone(), "AES");
  }

  /** A new random 256-bit key. */
  public static byte[] newKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  /** A ring of the one key in {@code file}, as {@value #DEFAULT_KEY_ID}. */
  public static SecretBox fromKeyFile(Path file) {
    return new SecretBox(DEFAULT_KEY_ID, readKey(file), Map.of());
  }

  /**
   * The key in {@code file}: its base64 text (surrounding white space ignored).
   *
   * @throws IllegalArgumentException naming the file if it holds no 256-bit base64 key
   */
  public static byte[] readKey(Path file) {
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
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          file + ": a secrets key is 32 bytes (256 bits), this one is " + key.length);
    }
    return key;
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

  /** Whether {@code value} is a text this class encrypted (with any key, in any version). */
  public static boolean isSealed(Object value) {
    return value instanceof String text && (text.startsWith(PREFIX) || text.startsWith(PREFIX_V1));
  }

  /** The id of the key that seals. */
  public String currentKeyId() {
    return currentId;
  }

  /** The ids of every key that opens, the current one first. */
  public Set<String> keyIds() {
    return keys.keySet();
  }

  /**
   * The id of the key that sealed {@code sealed}, if it says (an {@code enc:v1:} value does not).
   */
  public static Optional<String> keyIdOf(String sealed) {
    if (sealed == null || !sealed.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int end = sealed.indexOf(':', PREFIX.length());
    return end < 0 ? Optional.empty() : Optional.of(sealed.substring(PREFIX.length(), end));
  }

  /** Whether {@code sealed} is sealed with the current key (else it is worth sealing again). */
  public boolean isCurrent(String sealed) {
    return keyIdOf(sealed).filter(currentId::equals).isPresent();
  }

  /** {@code clear} encrypted with the current key, as {@code enc:v2:<key id>:...}. */
  public String seal(String clear) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(currentId.getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed);
      return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
    }
  }

  /**
   * The clear text of {@code sealed}.
   *
   * @throws IllegalArgumentException if it is not a sealed text, was changed, or was encrypted with
   *     a key outside the ring (naming its id)
   */
  public String open(String sealed) {
    if (!isSealed(sealed)) {
      throw new IllegalArgumentException("not an encrypted value (expected " + PREFIX + "...)");
    }
    if (sealed.startsWith(PREFIX_V1)) {
      byte[] raw = decode(sealed.substring(PREFIX_V1.length()));
      for (SecretKeySpec key : keys.values()) {
        Optional<String> clear = tryOpen(key, null, raw);
        if (clear.isPresent()) {
          return clear.get();
        }
      }
      throw new IllegalArgumentException(
          "an encrypted value was changed or made with a key outside the key ring " + keyIds());
    }
    String id = keyIdOf(sealed).orElseThrow(() -> new IllegalArgumentException("no key id"));
    SecretKeySpec key = keys.get(id);
    if (key == null) {
      throw new IllegalArgumentException(
          "an encrypted value was made with the key "
              + id
              + ", which is not in the key ring "
              + keyIds());
    }
    byte[] raw = decode(sealed.substring(PREFIX.length() + id.length() + 1));
    return tryOpen(key, id, raw)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "an encrypted value was changed or made with another key under the id " + id));
  }

  private static byte[] decode(String base64) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("an encrypted value is not base64");
    }
    if (raw.length < IV_BYTES + TAG_BITS / 8) {
      throw new IllegalArgumentException("an encrypted value is too short");
    }
    return raw;
  }

  private static Optional<String> tryOpen(SecretKeySpec key, String id, byte[] raw) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
      if (id != null) {
        cipher.updateAAD(id.getBytes(StandardCharsets.US_ASCII));
      }
      return Optional.of(
          new String(cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES), StandardCharsets.UTF_8));
    } catch (AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
    }
  }
}
