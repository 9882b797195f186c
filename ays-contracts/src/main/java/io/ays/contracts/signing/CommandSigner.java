package io.ays.contracts.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/** Signs encoded phase commands with the coordinator's Ed25519 private key. Thread-safe. */
public final class CommandSigner {

  private final PrivateKey key;
  private final String keyId;

  public CommandSigner(PrivateKey key, String keyId) {
    this.key = Objects.requireNonNull(key, "key");
    if (!CommandSignatures.isValidKeyId(keyId)) {
      throw new IllegalArgumentException(
          "key id '" + keyId + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    this.keyId = keyId;
  }

  public String keyId() {
    return keyId;
  }

  /**
   * The command event {@code eventJson} (as the codec wrote it) with its signature, key id and
   * expiry added as extension attributes.
   *
   * @throws IllegalArgumentException if the JSON has no {@code data.node} or {@code
   *     data.commandId}: only phase commands are signed
   */
  public String sign(String eventJson, Instant expires) {
    ObjectNode root = CommandSignatures.parse(eventJson);
    String node = CommandSignatures.dataText(root, "node");
    String commandId = CommandSignatures.dataText(root, "commandId");
    if (node == null || commandId == null) {
      throw new IllegalArgumentException("not a phase command: no data.node or data.commandId");
    }
    if (root.has(CommandSignatures.SIGNATURE)) {
      throw new IllegalArgumentException("the command is signed already");
    }
    JsonNode data = root.get("data");
    byte[] bytes = CommandSignatures.canonicalBytes(keyId, node, commandId, expires, data);
    // Appended to the text as written rather than written again from the tree: the data the
    // executor decodes is byte for byte what the codec wrote.
    String json = eventJson.strip();
    return json.substring(0, json.length() - 1)
        + ","
        + CommandSignatures.member(
            CommandSignatures.SIGNATURE, Base64.getEncoder().encodeToString(signature(bytes)))
        + ","
        + CommandSignatures.member(CommandSignatures.KEY_ID, keyId)
        + ","
        + CommandSignatures.member(CommandSignatures.EXPIRES, expires.toString())
        + "}";
  }

  private byte[] signature(byte[] bytes) {
    try {
      Signature signer = Signature.getInstance(SigningKeys.ALGORITHM);
      signer.initSign(key);
      signer.update(bytes);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with key " + keyId, e);
    }
  }
}
