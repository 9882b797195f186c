package io.ays.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.CloudEvent;
import io.ays.contracts.DeadLetter;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.InvalidEventException;
import io.ays.contracts.Problem;
import io.ays.contracts.RequestRejected;
import io.ays.contracts.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The door every inbound Kafka message goes through. A message that cannot be read, validated or
 * processed is sent to the dead-letter topic with the reason (and, if it was a request, its sender
 * gets a rejection event naming the problem); the consumer then goes on with the next message.
 */
@ApplicationScoped
public class InboundGate {

  private static final Logger LOG = Logger.getLogger(InboundGate.class);

  private final EventCodec codec;
  private final EventFactory events;
  private final KafkaSender sender;
  private final Topics topics;
  private final ProcessedMessages processed;
  private final Clock clock;

  public InboundGate(
      EventCodec codec,
      EventFactory events,
      KafkaSender sender,
      Topics topics,
      ProcessedMessages processed,
      Clock clock) {
    this.codec = codec;
    this.events = events;
    this.sender = sender;
    this.topics = topics;
    this.processed = processed;
    this.clock = clock;
  }

  /**
   * Decodes {@code record}, expected to belong to {@code channel}.
   *
   * @param consumer the consumer's name, recorded in the dead letter
   * @return the event, or empty if it was dead-lettered
   */
  public Optional<CloudEvent<?>> admit(
      ConsumerRecord<String, String> record, Channel channel, String consumer) {
    try {
      return Optional.of(codec.decode(record.value(), channel));
    } catch (InvalidEventException e) {
      refuse(
          record,
          channel,
          consumer,
          e.getMessage(),
          e.eventId(),
          e.eventType(),
          e.correlationId(),
          e.asProblem());
      return Optional.empty();
    }
  }

  /**
   * Decodes {@code record} and runs {@code handler} on it in a new transaction, once per message
   * id: a redelivered message is skipped. If the handler throws, its transaction is rolled back and
   * the message is dead-lettered with the error, so one bad message cannot stop the consumer.
   */
  public void handle(
      ConsumerRecord<String, String> record,
      Channel channel,
      String consumer,
      Consumer<CloudEvent<?>> handler) {
    Optional<CloudEvent<?>> admitted = admit(record, channel, consumer);
    if (admitted.isEmpty()) {
      return;
    }
    CloudEvent<?> event = admitted.get();
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                if (processed.markProcessed(consumer, event.id())) {
                  handler.accept(event);
                }
              });
    } catch (RuntimeException e) {
      LOG.errorf(e, "%s: processing %s (%s) failed", consumer, event.id(), event.type());
      String reason = "could not be processed: " + e;
      refuse(
          record,
          channel,
          consumer,
          reason,
          event.id(),
          event.type().type(),
          event.correlationId(),
          new Problem("(message)", reason));
    }
  }

  private void refuse(
      ConsumerRecord<String, String> record,
      Channel channel,
      String consumer,
      String reason,
      String eventId,
      String eventType,
      String correlationId,
      Problem problem) {
    LOG.warnf(
        "%s: dead-lettering %s[%d]@%d: %s",
        consumer, record.topic(), record.partition(), record.offset(), reason);
    DeadLetter letter =
        DeadLetter.of(
            record.topic(),
            record.partition(),
            record.offset(),
            record.key(),
            consumer,
            reason,
            eventId,
            eventType,
            record.value(),
            Instant.now(clock));
    CloudEvent<DeadLetter> dead =
        events.causedBy(eventId, correlationId, EventType.DEAD_LETTER, letter);
    sender.send(topics.deadLetter(), record.key(), codec.encode(dead));
    if (channel == Channel.REQUESTS) {
      RequestRejected rejected =
          new RequestRejected(
              record.key(), eventId, eventType, "request refused: " + reason, List.of(problem));
      CloudEvent<RequestRejected> event =
          events.causedBy(eventId, correlationId, EventType.REQUEST_REJECTED, rejected);
      sender.send(topics.serviceEvents(), record.key(), codec.encode(event));
    }
  }
}
