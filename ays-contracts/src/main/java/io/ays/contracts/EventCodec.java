package io.ays.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Writes and reads AYS events as CloudEvents structured JSON. Reading checks everything a consumer
 * relies on: the envelope, a known {@code type}, the {@code data} bound to the type's record and
 * validated by it, the size. Anything wrong is one {@link InvalidEventException} naming the field,
 * ready to be dead-lettered. Unknown extra fields are ignored (see {@link EventJson}). Thread-safe.
 */
public final class EventCodec {

  /** Kafka's default {@code max.message.bytes} is about 1 MiB; an event must fit in one message. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

  private final ObjectMapper mapper;
  private final int maxMessageBytes;

  public EventCodec() {
    this(DEFAULT_MAX_MESSAGE_BYTES);
  }

  /** A codec that refuses messages over {@code maxMessageBytes} (UTF-8 bytes) both ways. */
  public EventCodec(int maxMessageBytes) {
    if (maxMessageBytes < 1) {
      throw new IllegalArgumentException("maxMessageBytes must be positive: " + maxMessageBytes);
    }
    this.mapper = EventJson.newObjectMapper();
    this.maxMessageBytes = maxMessageBytes;
  }

  public int maxMessageBytes() {
    return maxMessageBytes;
  }

  /**
   * The event as JSON.
   *
   * @throws InvalidEventException if the JSON is over the size limit (a producer must learn that
   *     before Kafka refuses the send)
   */
  public String encode(CloudEvent<?> event) {
    Objects.requireNonNull(event, "event");
    String json;
    try {
      json = mapper.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      // Every payload is a plain record: failing to write one is a bug, not bad input.
      throw new IllegalStateException("cannot write " + event.type() + " as JSON", e);
    }
    int bytes = utf8Length(json);
    if (bytes > maxMessageBytes) {
      throw new InvalidEventException(
          null,
          "encoded event is " + bytes + " bytes, over the limit of " + maxMessageBytes + " bytes",
          event.id(),
          event.type().type(),
          event.correlationId(),
          null);
    }
    return json;
  }

  /** Reads an event from Kafka bytes (UTF-8). */
  public CloudEvent<?> decode(byte[] message) {
    if (message == null || message.length == 0) {
      throw failure(null, "empty message");
    }
    checkSize(message.length);
    try {
      return decode(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(message))
              .toString());
    } catch (CharacterCodingException e) {
      throw failure(null, "not UTF-8 text");
    }
  }

  /**
   * Reads an event: the envelope, then {@code data} as the record of the event's type.
   *
   * @throws InvalidEventException naming the field at fault
   */
  public CloudEvent<?> decode(String json) {
    if (json == null || json.isBlank()) {
      throw failure(null, "empty message");
    }
    if (json.length() > maxMessageBytes / 3) {
      checkSize(utf8Length(json));
    }
    JsonNode root = parse(json);
    return new EnvelopeReader(mapper, root).read();
  }

  /**
   * Reads an event and checks it belongs on the channel it was read from, so that a consumer never
   * acts on, say, a heartbeat that was written to the requests topic by mistake.
   */
  public CloudEvent<?> decode(String json, Channel expected) {
    CloudEvent<?> event = decode(json);
    if (event.type().channel() != expected) {
      throw new InvalidEventException(
          "type",
          "'" + event.type().type() + "' does not belong on the " + expected + " channel",
          event.id(),
          event.type().type(),
          event.correlationId(),
          null);
    }
    return event;
  }

  private JsonNode parse(String json) {
    try {
      JsonNode root = mapper.readTree(json);
      if (root == null || root.isMissingNode()) {
        throw failure(null, "empty message");
      }
      return root;
    } catch (JsonMappingException e) {
      throw failure(null, "not JSON: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + " column "
                  + e.getLocation().getColumnNr();
      throw failure(null, "not JSON" + where + ": " + firstLine(e.getOriginalMessage()));
    }
  }

  private void checkSize(int bytes) {
    if (bytes > maxMessageBytes) {
      throw failure(
          null, "message is " + bytes + " bytes, over the limit of " + maxMessageBytes + " bytes");
    }
  }

  static InvalidEventException failure(String field, String problem) {
    return new InvalidEventException(field, problem, null, null, null, null);
  }

  /** Parses an RFC 3339 time; the offset is required, as RFC 3339 requires it. */
  static Instant parseTime(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          null,
          "'" + Fields.shorten(text) + "' is not an RFC 3339 time such as 2025-05-01T10:15:30Z");
    }
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
