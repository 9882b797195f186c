package io.ays.contracts.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * Encrypts a value for one node with HPKE (RFC 9180, base mode: DHKEM(X25519, HKDF-SHA256),
 * HKDF-SHA256, AES-256-GCM), so that only the holder of that node's private key can read it. A
 * value is written {@code enc:node:v1:<base64(encapsulated key | ciphertext | tag)>}. The node id
 * is the HPKE {@code info} and a caller-chosen label (the configuration key, say) the associated
 * data: a value sealed for another node or under another label does not open.
 */
public final class NodeSecrets {

  /** The prefix of a value sealed for a node. */
  public static final String PREFIX = "enc:node:v1:";

  private static final int ENC_BYTES = 32;
  private static final int TAG_BYTES = 16;

  private NodeSecrets() {}

  /** Whether {@code value} is a text {@link #seal} wrote. */
  public static boolean isSealed(Object value) {
    return value instanceof String text && text.startsWith(PREFIX);
  }

  /** {@code clear} sealed for {@code nodeId}, whose public key is {@code key}. */
  public static String seal(
      String clear, String nodeId, String label, X25519PublicKeyParameters key) {
    try {
      byte[][] sealed =
          hpke()
              .seal(
                  key,
                  info(nodeId),
                  label.getBytes(StandardCharsets.UTF_8),
                  clear.getBytes(StandardCharsets.UTF_8),
                  null,
                  null,
                  null);
      byte[] ciphertext = sealed[0];
      byte[] enc = sealed[1];
      ByteBuffer out = ByteBuffer.allocate(enc.length + ciphertext.length).put(enc).put(ciphertext);
      return PREFIX + Base64.getEncoder().encodeToString(out.array());
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("HPKE could not seal a value: " + e.getMessage(), e);
    }
  }

  /**
   * The clear text of {@code sealed}, with {@code nodeId}'s private key.
   *
   * @throws IllegalArgumentException if it is not an {@code enc:node:v1:} text, was changed, was
   *     sealed under another label, or for another node or key
   */
  public static String open(
      String sealed, String nodeId, String label, X25519PrivateKeyParameters key) {
    if (!isSealed(sealed)) {
      throw new IllegalArgumentException("not a value sealed for a node (expected " + PREFIX + ")");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a value sealed for a node is not base64");
    }
    if (raw.length < ENC_BYTES + TAG_BYTES) {
      throw new IllegalArgumentException("a value sealed for a node is too short");
    }
    byte[] enc = new byte[ENC_BYTES];
    System.arraycopy(raw, 0, enc, 0, ENC_BYTES);
    byte[] ciphertext = new byte[raw.length - ENC_BYTES];
    System.arraycopy(raw, ENC_BYTES, ciphertext, 0, ciphertext.length);
    try {
      byte[] clear =
          hpke()
              .open(
                  enc,
                  new AsymmetricCipherKeyPair(key.generatePublicKey(), key),
                  info(nodeId),
                  label.getBytes(StandardCharsets.UTF_8),
                  ciphertext,
                  null,
                  null,
                  null);
      return new String(clear, StandardCharsets.UTF_8);
    } catch (InvalidCipherTextException e) {
      throw new IllegalArgumentException(
          "a value sealed for a node does not open with the key of node "
              + nodeId
              + ": it was changed, or sealed for another node or key");
    }
  }

  private static HPKE hpke() {
    return new HPKE(
        HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
  }

  private static byte[] info(String nodeId) {
    return ("ays node secret v1 " + nodeId).getBytes(StandardCharsets.UTF_8);
  }
}
