package io.ays.coordinator.domain;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventPayload;
import io.ays.contracts.EventType;
import io.ays.contracts.Topics;
import io.ays.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Writes the coordinator's outgoing messages to the outbox, in the caller's transaction, each
 * linked to the message that caused it (same correlation id, the cause's id as causation id).
 */
@ApplicationScoped
public class ServiceEvents {

  private final Outbox outbox;
  private final EventFactory events;
  private final EventCodec codec;
  private final Topics topics;

  public ServiceEvents(Outbox outbox, EventFactory events, EventCodec codec, Topics topics) {
    this.outbox = outbox;
    this.events = events;
    this.codec = codec;
    this.topics = topics;
  }

  /** Publishes a lifecycle event on the service-events topic. */
  @Transactional(Transactional.TxType.MANDATORY)
  public <T extends EventPayload> CloudEvent<T> publish(Cause cause, EventType type, T data) {
    return send(topics.serviceEvents(), cause, type, data);
  }

  /** Sends a message to {@code topic}. */
  @Transactional(Transactional.TxType.MANDATORY)
  public <T extends EventPayload> CloudEvent<T> send(
      String topic, Cause cause, EventType type, T data) {
    CloudEvent<T> event = events.causedBy(cause.messageId(), cause.correlationId(), type, data);
    outbox.enqueue(topic, event.kafkaKey(), codec.encode(event));
    return event;
  }

  public Topics topics() {
    return topics;
  }
}
