package io.ays.coordinator.domain;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventPayload;
import io.ays.contracts.EventType;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.Topics;
import io.ays.contracts.signing.CommandSigner;
import io.ays.coordinator.config.CoordinatorConfig;
import io.ays.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes the coordinator's outgoing messages to the outbox, in the caller's transaction, each
 * linked to the message that caused it (same correlation id, the cause's id as causation id). Phase
 * commands are signed as they are put in the outbox.
 */
@ApplicationScoped
public class ServiceEvents {

  private final Outbox outbox;
  private final EventFactory events;
  private final EventCodec codec;
  private final Topics topics;
  private final CommandSigner signer;
  private final Duration validity;
  private final Clock clock;

  public ServiceEvents(
      Outbox outbox,
      EventFactory events,
      EventCodec codec,
      Topics topics,
      CommandSigner signer,
      CoordinatorConfig config,
      Clock clock) {
    this.outbox = outbox;
    this.events = events;
    this.codec = codec;
    this.topics = topics;
    this.signer = signer;
    this.validity = config.signing().validity();
    this.clock = clock;
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

  /**
   * Sends a phase command to its node's topic, signed now: the outbox keeps the signed text, so a
   * send the relay repeats is the same message. It expires after the configured validity, never
   * before the command's own deadline (until which the executor would still run it).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public CloudEvent<PhaseCommand> sendCommand(Cause cause, PhaseCommand command) {
    CloudEvent<PhaseCommand> event =
        events.causedBy(cause.messageId(), cause.correlationId(), EventType.COMMAND_PHASE, command);
    Instant expires = Instant.now(clock).plus(validity);
    if (command.deadline().isAfter(expires)) {
      expires = command.deadline();
    }
    outbox.enqueue(
        topics.commandsTopicFor(command.node()),
        event.kafkaKey(),
        signer.sign(codec.encode(event), expires));
    return event;
  }

  public Topics topics() {
    return topics;
  }
}
