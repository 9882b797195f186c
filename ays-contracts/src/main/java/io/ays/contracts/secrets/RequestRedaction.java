package io.ays.contracts.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ays.contracts.EventJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of a request as a dead letter keeps it: every answer's value masked. A request that
 * could not be read cannot be matched to its template's secret keys, so no answer is kept, only its
 * key.
 */
public final class RequestRedaction {

  private static final ObjectMapper MAPPER = EventJson.newObjectMapper();

  private RequestRedaction() {}

  /**
   * {@code payload} (a request envelope as JSON) with the values of {@code data.answers} replaced
   * by {@value SecretBox#MASK}; a payload that is not a JSON object is kept only as a note of its
   * length, since any of it might be a secret
   */
  public static String masked(String payload) {
    return masked(payload, "answers");
  }

  /** {@code payload} (a phase command envelope) with the values of {@code data.config} masked. */
  public static String maskedCommand(String payload) {
    return masked(payload, "config");
  }

  private static String masked(String payload, String field) {
    if (payload == null || payload.isEmpty()) {
      return payload;
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(payload);
    } catch (JsonProcessingException e) {
      return unreadable(payload);
    }
    if (!(root instanceof ObjectNode envelope)) {
      return unreadable(payload);
    }
    if (envelope.get("data") instanceof ObjectNode data) {
      mask(data, field);
    }
    // A binary mode record (CloudEvents Kafka binding) carries only the data as its value.
    mask(envelope, field);
    try {
      return MAPPER.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      return unreadable(payload);
    }
  }

  private static void mask(ObjectNode holder, String field) {
    if (holder.get(field) instanceof ObjectNode values) {
      List<String> keys = new ArrayList<>();
      values.fieldNames().forEachRemaining(keys::add);
      keys.forEach(key -> values.put(key, SecretBox.MASK));
    }
  }

  private static String unreadable(String payload) {
    return "(not JSON, " + payload.length() + " characters; not kept: it may hold answers)";
  }
}
