package io.ays.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The CloudEvents Kafka protocol binding (cloudevents/spec kafka-protocol-binding.md) as AYS uses
 * it. AYS writes <em>structured</em> mode: the whole event as JSON in the value, with the {@code
 * content-type} header {@value #STRUCTURED_CONTENT_TYPE}, so that a CloudEvents SDK recognises the
 * record and a plain consumer (kcat, a log shipper) still sees one self-contained JSON document.
 * AYS reads both modes: a record carrying {@code ce_specversion} is in <em>binary</em> mode (the
 * attributes in {@code ce_} headers, the data alone in the value, the SDKs' default) and is turned
 * into the structured JSON {@link EventCodec} reads, so that every check applies the same way.
 */
public final class KafkaBinding {

  /** The header that names the record's content type in both modes. */
  public static final String CONTENT_TYPE_HEADER = "content-type";

  /** The structured-mode content type of the JSON event format. */
  public static final String STRUCTURED_CONTENT_TYPE =
      "application/cloudevents+json; charset=UTF-8";

  /** The prefix of an attribute header in binary mode. */
  public static final String ATTRIBUTE_PREFIX = "ce_";

  private static final String SPEC_VERSION_HEADER = ATTRIBUTE_PREFIX + "specversion";

  private static final ObjectMapper MAPPER = EventJson.newObjectMapper();

  private KafkaBinding() {}

  /** The header value AYS writes with every event it sends, as the binding's bytes. */
  public static byte[] structuredContentType() {
    return STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
  }

  /** True if a record with these headers is a binary-mode CloudEvent. */
  public static boolean isBinary(Map<String, byte[]> headers) {
    return headers.containsKey(SPEC_VERSION_HEADER);
  }

  /**
   * The event a record carries, as structured JSON: the value itself in structured mode (or for a
   * record with no binding headers at all, as kcat writes them), or, in binary mode, one JSON
   * object made of the {@code ce_} attributes, the content type and the value as {@code data}.
   *
   * @param headers the record's headers, by key (the last value of a repeated key)
   * @throws InvalidEventException naming the header or the data at fault
   */
  public static String toStructured(Map<String, byte[]> headers, String value) {
    if (!isBinary(headers)) {
      return value;
    }
    ObjectNode event = MAPPER.createObjectNode();
    for (Map.Entry<String, byte[]> header : headers.entrySet()) {
      String key = header.getKey().toLowerCase(Locale.ROOT);
      if (key.startsWith(ATTRIBUTE_PREFIX) && header.getValue() != null) {
        String name = key.substring(ATTRIBUTE_PREFIX.length());
        if (name.equals("data")) {
          throw EventCodec.failure("ce_data", "'data' is not an attribute; it is the value");
        }
        event.put(name, new String(header.getValue(), StandardCharsets.UTF_8));
      }
    }
    byte[] contentType = headers.get(CONTENT_TYPE_HEADER);
    if (contentType != null) {
      event.put("datacontenttype", new String(contentType, StandardCharsets.UTF_8));
    }
    if (value != null && !value.isBlank()) {
      event.set("data", dataOf(value));
    }
    try {
      return MAPPER.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a tree just built", e);
    }
  }

  private static JsonNode dataOf(String value) {
    try {
      return MAPPER.readTree(value);
    } catch (JsonProcessingException e) {
      throw EventCodec.failure(
          "data", "the value of a binary-mode event is not JSON: " + e.getOriginalMessage());
    }
  }
}
