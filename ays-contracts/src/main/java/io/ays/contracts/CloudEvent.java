package io.ays.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;

/**
 * The envelope of every AYS message: a CloudEvents 1.0 event in structured JSON form, with two
 * extension attributes for the causality chain. {@code specversion}, {@code datacontenttype} and
 * {@code subject} are derived (the subject from the data), so an event cannot contradict itself.
 * Make events with {@link EventFactory}; read and write them with {@link EventCodec}.
 *
 * @param id unique per message (a UUID when AYS makes it); consumers deduplicate by it
 * @param source the emitting service as a URI-reference, e.g. {@code /ays/lifecycle-coordinator}
 * @param type the versioned event type
 * @param time when the event happened
 * @param correlationId the id of the original request the whole chain belongs to (its own id for a
 *     message that starts a chain)
 * @param causationId the id of the message that directly caused this one; null for a chain's start
 * @param data the payload, of {@code type}'s payload class
 */
@JsonPropertyOrder({
  "specversion",
  "id",
  "source",
  "type",
  "time",
  "subject",
  "datacontenttype",
  "correlationid",
  "causationid",
  "data"
})
public record CloudEvent<T extends EventPayload>(
    String id,
    String source,
    EventType type,
    Instant time,
    @JsonProperty("correlationid") String correlationId,
    @JsonProperty("causationid") String causationId,
    T data) {

  public static final String SPEC_VERSION = "1.0";
  public static final String DATA_CONTENT_TYPE = "application/json";

  /** Room for any id a person or tool might make, small enough for a database key. */
  public static final int MAX_ID_LENGTH = 200;

  public CloudEvent {
    Fields.requiredText(id, "id");
    Fields.maxLength(id, MAX_ID_LENGTH, "id");
    checkSource(source);
    Fields.required(type, "type");
    Fields.required(time, "time");
    Fields.requiredText(correlationId, "correlationid");
    Fields.maxLength(correlationId, MAX_ID_LENGTH, "correlationid");
    Fields.optionalText(causationId, "causationid");
    Fields.maxLength(causationId, MAX_ID_LENGTH, "causationid");
    Fields.required(data, "data");
    if (!type.payloadClass().isInstance(data)) {
      throw new InvalidFieldException(
          "data",
          type.type()
              + " carries "
              + type.payloadClass().getSimpleName()
              + ", not "
              + data.getClass().getSimpleName());
    }
  }

  @JsonProperty("specversion")
  public String specVersion() {
    return SPEC_VERSION;
  }

  @JsonProperty("datacontenttype")
  public String dataContentType() {
    return DATA_CONTENT_TYPE;
  }

  /** The instance key (or template key, node id, original key) the event is about. */
  @JsonProperty("subject")
  public String subject() {
    return data.subject();
  }

  /** The Kafka key to send this event with: its subject, on every AYS topic. */
  public String kafkaKey() {
    return subject();
  }

  /** This event seen with its concrete payload class, for a consumer that switched on the type. */
  @SuppressWarnings("unchecked")
  public <P extends EventPayload> CloudEvent<P> as(Class<P> payloadClass) {
    if (!payloadClass.isInstance(data)) {
      throw new ClassCastException(
          type.type() + " carries " + data.getClass().getSimpleName() + ", not " + payloadClass);
    }
    return (CloudEvent<P>) this;
  }

  private static void checkSource(String source) {
    Fields.requiredText(source, "source");
    try {
      new URI(source);
    } catch (URISyntaxException e) {
      throw new InvalidFieldException("source", "not a URI-reference: " + e.getMessage());
    }
  }
}
