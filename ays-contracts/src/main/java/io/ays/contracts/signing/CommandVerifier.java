package io.ays.contracts.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks a phase command's signature against the keys a node trusts (several during a rotation).
 * Thread-safe.
 */
public final class CommandVerifier {

  private final Map<String, PublicKey> trusted;

  /**
   * @param trusted public keys by key id; empty: every command is refused
   */
  public CommandVerifier(Map<String, PublicKey> trusted) {
    this.trusted = Map.copyOf(trusted);
  }

  /** The ids of the trusted keys, sorted. */
  public java.util.Set<String> keyIds() {
    return new java.util.TreeSet<>(trusted.keySet());
  }

  /**
   * Why the command event {@code eventJson} must not run, or empty if it is signed by a trusted
   * key, unchanged, and not expired at {@code now}. The reason never contains key material.
   */
  public Optional<String> problem(String eventJson, Instant now) {
    ObjectNode root;
    try {
      root = CommandSignatures.parse(eventJson);
    } catch (IllegalArgumentException e) {
      return Optional.of("unreadable: " + e.getMessage());
    }
    String signature = text(root, CommandSignatures.SIGNATURE);
    String keyId = text(root, CommandSignatures.KEY_ID);
    String expiresText = text(root, CommandSignatures.EXPIRES);
    if (signature == null || keyId == null || expiresText == null) {
      return Optional.of(
          "unsigned: the command lacks "
              + CommandSignatures.SIGNATURE
              + ", "
              + CommandSignatures.KEY_ID
              + " or "
              + CommandSignatures.EXPIRES);
    }
    if (trusted.isEmpty()) {
      return Optional.of("this node trusts no signing key (ays.executor.signing.trusted-keys)");
    }
    if (!CommandSignatures.isValidKeyId(keyId) || !trusted.containsKey(keyId)) {
      return Optional.of(
          "signed with key '"
              + (CommandSignatures.isValidKeyId(keyId) ? keyId : "(not a key id)")
              + "', which this node does not trust (trusted: "
              + String.join(", ", keyIds())
              + ")");
    }
    Instant expires;
    byte[] signatureBytes;
    try {
      expires = Instant.parse(expiresText);
      signatureBytes = Base64.getDecoder().decode(signature);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return Optional.of("malformed signature attributes: " + e.getMessage());
    }
    String node = CommandSignatures.dataText(root, "node");
    String commandId = CommandSignatures.dataText(root, "commandId");
    JsonNode data = root.get("data");
    if (node == null || commandId == null) {
      return Optional.of("not a phase command: no data.node or data.commandId");
    }
    byte[] bytes = CommandSignatures.canonicalBytes(keyId, node, commandId, expires, data);
    if (!matches(trusted.get(keyId), bytes, signatureBytes)) {
      return Optional.of(
          "the signature does not match the command (its data, node, command id or expiry was"
              + " changed after signing, or it was signed by another key than '"
              + keyId
              + "')");
    }
    if (now.isAfter(expires)) {
      return Optional.of("expired at " + expires + " (now " + now + ")");
    }
    return Optional.empty();
  }

  private static boolean matches(PublicKey key, byte[] bytes, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(SigningKeys.ALGORITHM);
      verifier.initVerify(key);
      verifier.update(bytes);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // a malformed signature is a signature that does not match
    }
  }

  private static String text(ObjectNode root, String field) {
    JsonNode node = root.get(field);
    return node != null && node.isTextual() && !node.textValue().isBlank()
        ? node.textValue()
        : null;
  }

  /** Reads trusted keys from {@code id=path} entries (the configuration's form). */
  public static CommandVerifier fromEntries(Iterable<String> entries) {
    Map<String, PublicKey> keys = new TreeMap<>();
    for (String entry : entries) {
      if (entry == null || entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String id = eq < 0 ? "" : entry.substring(0, eq).strip();
      if (!CommandSignatures.isValidKeyId(id)) {
        throw new IllegalArgumentException(
            "trusted key entry '"
                + entry.strip()
                + "' must be <key id>=<path of an X.509 PEM public key>");
      }
      keys.put(
          id, SigningKeys.readPublicKey(java.nio.file.Path.of(entry.substring(eq + 1).strip())));
    }
    return new CommandVerifier(keys);
  }
}
