package io.ays.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * A message a consumer could not read or validate, on {@code ays.dead-letter} with the original
 * key. The consumer moves on; operators read these. The payload is kept as text, cut to {@value
 * #MAX_PAYLOAD_CHARS} characters so that a dead letter always fits where the original did not.
 *
 * @param originalKey the original Kafka key; null if it had none
 * @param consumer who gave up on it: the service and its consumer group, e.g. {@code
 *     lifecycle-coordinator}
 * @param reason the decoding or validation error, naming the field
 * @param originalId the original envelope's id, when that much could be read
 * @param originalType the original envelope's type as written, when that much could be read
 * @param payload the original message as text, possibly cut
 * @param payloadBytes the original message's size in bytes
 * @param truncated whether {@code payload} was cut
 * @param originalHeaders the original record's Kafka headers, each value as UTF-8 text (a binary
 *     mode event's {@code ce_} attributes, the structured mode's {@code content-type}): with the
 *     key and the payload, what a replay sends again; empty if it had none
 */
public record DeadLetter(
    String originalTopic,
    Integer partition,
    Long offset,
    String originalKey,
    String consumer,
    String reason,
    String originalId,
    String originalType,
    String payload,
    Long payloadBytes,
    boolean truncated,
    Instant receivedAt,
    Map<String, String> originalHeaders)
    implements EventPayload {

  public static final int MAX_PAYLOAD_CHARS = 65_536;

  public DeadLetter {
    Fields.requiredText(originalTopic, "originalTopic");
    Fields.atLeast(partition, 0, "partition");
    Fields.atLeast(offset, 0L, "offset");
    Fields.requiredText(consumer, "consumer");
    Fields.requiredText(reason, "reason");
    Fields.required(payload, "payload");
    Fields.maxLength(payload, MAX_PAYLOAD_CHARS, "payload");
    Fields.atLeast(payloadBytes, 0L, "payloadBytes");
    Fields.required(receivedAt, "receivedAt");
    originalHeaders = originalHeaders == null ? Map.of() : Map.copyOf(originalHeaders);
  }

  /** A dead letter for a message the codec refused; the reason is the codec's message. */
  public static DeadLetter of(
      String originalTopic,
      int partition,
      long offset,
      String originalKey,
      String consumer,
      InvalidEventException cause,
      String rawPayload,
      Instant receivedAt) {
    return of(
        originalTopic,
        partition,
        offset,
        originalKey,
        consumer,
        cause.getMessage(),
        cause.eventId(),
        cause.eventType(),
        rawPayload,
        receivedAt,
        Map.of());
  }

  /** A dead letter for a raw message, cutting the payload to the limit. */
  public static DeadLetter of(
      String originalTopic,
      int partition,
      long offset,
      String originalKey,
      String consumer,
      String reason,
      String originalId,
      String originalType,
      String rawPayload,
      Instant receivedAt,
      Map<String, String> originalHeaders) {
    String raw = rawPayload == null ? "" : rawPayload;
    String kept = raw;
    if (raw.length() > MAX_PAYLOAD_CHARS) {
      int end = MAX_PAYLOAD_CHARS;
      if (Character.isHighSurrogate(raw.charAt(end - 1))) {
        end--; // never split a character in two
      }
      kept = raw.substring(0, end);
    }
    return new DeadLetter(
        originalTopic,
        partition,
        offset,
        originalKey,
        consumer,
        reason,
        originalId,
        originalType,
        kept,
        (long) raw.getBytes(StandardCharsets.UTF_8).length,
        kept.length() < raw.length(),
        receivedAt,
        originalHeaders);
  }

  @Override
  public String subject() {
    return originalKey;
  }
}
