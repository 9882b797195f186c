package io.ays.contracts.signing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a phase command's signature covers, byte for byte, shared by the coordinator that signs and
 * the executor that verifies. The signature travels in three CloudEvents extension attributes of
 * the command's envelope ({@value #SIGNATURE}, {@value #KEY_ID}, {@value #EXPIRES}) and covers: the
 * key id, the target node, the command id, the expiry and the canonical JSON of {@code data}
 * (object members sorted by name, no white space), each as a length-prefixed UTF-8 string after the
 * {@value #DOMAIN} tag. The canonical form is taken from the JSON text as sent, on both sides, so
 * what is verified is exactly what the executor then decodes and runs.
 */
public final class CommandSignatures {

  /** Base64 (standard alphabet, padded) of the Ed25519 signature. */
  public static final String SIGNATURE = "ayssignature";

  /** The id of the key that made the signature; the executor looks it up in its trusted keys. */
  public static final String KEY_ID = "ayskeyid";

  /** ISO-8601 instant after which the command is refused. */
  public static final String EXPIRES = "aysexpires";

  /** Separates AYS command signatures from anything else the same key might ever sign. */
  static final String DOMAIN = "ays.command.signature.v1";

  /** Key ids are printed in logs and dead letters: a short, plain name. */
  private static final Pattern KEY_ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  // Plain Jackson on both sides: the canonical form must not depend on a service's settings.
  // Duplicate names refused: two "data" members could be read differently by another parser.
  private static final ObjectMapper PLAIN =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          // Numbers exactly as written: two values that round to the same double differ here.
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private CommandSignatures() {}

  /** Whether {@code keyId} is a valid key id: 1 to 64 letters, digits, '.', '_' or '-'. */
  public static boolean isValidKeyId(String keyId) {
    return keyId != null && KEY_ID_PATTERN.matcher(keyId).matches();
  }

  /** Parses event JSON as the canonical form needs it (a plain tree). */
  static ObjectNode parse(String eventJson) {
    try {
      JsonNode root = PLAIN.readTree(eventJson);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return (ObjectNode) root;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
  }

  static String write(JsonNode node) {
    try {
      return PLAIN.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  /** The bytes a signature covers. */
  static byte[] canonicalBytes(
      String keyId, String node, String commandId, Instant expires, JsonNode data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    for (String part :
        List.of(DOMAIN, keyId, node, commandId, expires.toString(), write(sorted(data)))) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }

  /** A copy of {@code node} whose objects list their members sorted by name, at every depth. */
  static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      names.sort(null);
      ObjectNode copy = PLAIN.createObjectNode();
      names.forEach(name -> copy.set(name, sorted(node.get(name))));
      return copy;
    }
    if (node.isArray()) {
      var copy = PLAIN.createArrayNode();
      node.forEach(element -> copy.add(sorted(element)));
      return copy;
    }
    return node;
  }

  /** {@code "name":"value"} as JSON text. */
  static String member(String name, String value) {
    try {
      return PLAIN.writeValueAsString(name) + ":" + PLAIN.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text of {@code data.<field>}, or null. */
  static String dataText(ObjectNode root, String field) {
    JsonNode data = root.get("data");
    JsonNode value = data == null ? null : data.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }
}
