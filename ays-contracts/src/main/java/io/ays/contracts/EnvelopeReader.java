package io.ays.contracts;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads one decoded JSON tree as an event, field by field, so that each problem is reported with
 * its field. What could be read of the envelope goes into the exception for rejections.
 */
final class EnvelopeReader {

  private final ObjectMapper mapper;
  private final JsonNode root;
  private String eventId;
  private String eventType;
  private String correlationId;

  EnvelopeReader(ObjectMapper mapper, JsonNode root) {
    this.mapper = mapper;
    this.root = root;
  }

  CloudEvent<?> read() {
    if (!root.isObject()) {
      throw fail(null, "not a JSON object but " + root.getNodeType().name().toLowerCase());
    }
    eventId = textOrNull("id");
    eventType = textOrNull("type");
    correlationId = textOrNull("correlationid") != null ? textOrNull("correlationid") : eventId;

    String specVersion = requiredText("specversion");
    if (!CloudEvent.SPEC_VERSION.equals(specVersion)) {
      throw fail(
          "specversion",
          "'" + specVersion + "' is not supported; expected " + CloudEvent.SPEC_VERSION);
    }
    String id = requiredText("id");
    String source = requiredText("source");
    String typeText = requiredText("type");
    EventType type =
        EventType.fromType(typeText)
            .orElseThrow(
                () ->
                    fail(
                        "type",
                        "unknown event type '" + Fields.shorten(typeText) + "'" + hint(typeText)));
    Instant time = time(requiredText("time"));
    String contentType = optionalText("datacontenttype");
    if (contentType != null && !isJson(contentType)) {
      throw fail(
          "datacontenttype",
          "'" + contentType + "' is not supported; expected " + CloudEvent.DATA_CONTENT_TYPE);
    }
    if (root.has("data_base64")) {
      throw fail("data_base64", "not supported: AYS events carry their payload as JSON in data");
    }
    EventPayload data = data(type);
    String correlation = optionalText("correlationid");
    String causation = optionalText("causationid");
    CloudEvent<?> event;
    try {
      event =
          new CloudEvent<>(
              id, source, type, time, correlation == null ? id : correlation, causation, data);
    } catch (InvalidFieldException e) {
      throw fail(e.field(), e.problem());
    }
    String subject = optionalText("subject");
    if (subject != null && !subject.equals(event.subject())) {
      throw fail(
          "subject",
          "'"
              + Fields.shorten(subject)
              + "' does not match the data, which is about '"
              + event.subject()
              + "'");
    }
    return event;
  }

  private EventPayload data(EventType type) {
    JsonNode node = root.get("data");
    if (node == null || node.isNull()) {
      throw fail("data", "required");
    }
    if (!node.isObject()) {
      throw fail("data", "expected an object");
    }
    try {
      return mapper.readerFor(type.payloadClass()).readValue(node);
    } catch (JsonMappingException e) {
      MappingErrors.FieldProblem problem = MappingErrors.describe("data", e);
      throw fail(problem.field(), problem.problem());
    } catch (InvalidFieldException e) {
      throw fail(e.field() == null ? "data" : "data." + e.field(), e.problem());
    } catch (IOException e) {
      throw fail("data", e.getMessage());
    }
  }

  private Instant time(String text) {
    try {
      return EventCodec.parseTime(text);
    } catch (InvalidFieldException e) {
      throw fail("time", e.problem());
    }
  }

  private String requiredText(String field) {
    String value = optionalText(field);
    if (value == null) {
      throw fail(field, "required");
    }
    return value;
  }

  private String optionalText(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw fail(field, "expected a string");
    }
    if (node.textValue().isBlank()) {
      throw fail(field, "must not be blank");
    }
    return node.textValue();
  }

  private String textOrNull(String field) {
    JsonNode node = root.get(field);
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  private static boolean isJson(String contentType) {
    String base = contentType.split(";", 2)[0].trim();
    return base.equalsIgnoreCase(CloudEvent.DATA_CONTENT_TYPE);
  }

  /** Suggests the known type nearest to a misspelt one. */
  private static String hint(String typeText) {
    EventType nearest = null;
    int best = Integer.MAX_VALUE;
    for (EventType candidate : EventType.values()) {
      int distance = editDistance(typeText, candidate.type());
      if (distance < best) {
        best = distance;
        nearest = candidate;
      }
    }
    return nearest != null && best <= 3 ? "; did you mean '" + nearest.type() + "'?" : "";
  }

  private static int editDistance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 3) {
      return Integer.MAX_VALUE;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private InvalidEventException fail(String field, String problem) {
    return new InvalidEventException(field, problem, eventId, eventType, correlationId, null);
  }
}
