package io.ays.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.CloudEvent;
import io.ays.contracts.DeadLetter;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.InvalidEventException;
import io.ays.contracts.KafkaBinding;
import io.ays.contracts.Problem;
import io.ays.contracts.RequestRejected;
import io.ays.contracts.Topics;
import io.ays.contracts.secrets.RequestRedaction;
import io.ays.messaging.tracing.MessageSpans;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The door every inbound Kafka message goes through. A message that cannot be read, validated or
 * processed is sent to the dead-letter topic with the reason (and, if it was a request, its sender
 * gets a rejection event naming the problem); the consumer then goes on with the next message. A
 * message whose handling failed because the database or the broker is unavailable is neither: the
 * consumer holds it and tries it again until the dependency is back ({@link DependencyOutages}), so
 * an outage delays work but never loses or rejects it. No exception leaves the gate except when the
 * service stops while waiting: the message then stays uncommitted for the next start.
 *
 * <p>Each message is handled in a span that continues the {@code traceparent} it carries ({@link
 * MessageSpans}), so the messages its handler causes belong to the same trace.
 */
@ApplicationScoped
public class InboundGate {

  private static final Logger LOG = Logger.getLogger(InboundGate.class);
  private static final int MAX_UNIQUE_RETRIES = 10;

  /** How a consumer knows a message it has already handled (Kafka delivers at least once). */
  public enum Repeats {
    /**
     * The gate records each handled message's id, in the handler's transaction, and skips ids it
     * has.
     */
    RECORDED,
    /**
     * The handler itself changes nothing when given a message it already applied (the coordinator's
     * results: a result counts only for its step's current command). No record is written: one
     * insert per message less.
     */
    IGNORED_BY_HANDLER
  }

  /**
   * Why the gate dead-letters a message. Every refusal goes through {@link #deadLetter} with one of
   * these, the one place to count them by reason.
   */
  public enum Refusal {
    /** Over the message size limit ({@code ays.messages.max-bytes}): not even decoded. */
    TOO_LARGE("too_large"),
    /** Not an event of the channel: not JSON, not a CloudEvent, an invalid payload. */
    UNREADABLE("invalid"),
    /**
     * Read, but must not be handled: a forged or expired command, a heartbeat under a wrong key.
     */
    REFUSED("refused"),
    /** Its handler failed for another reason than an outage of a dependency. */
    FAILED("failed");

    private final String label;

    Refusal(String label) {
      this.label = label;
    }

    /** The word of the {@code reason} label of {@code ays_inbound_dead_lettered_total}. */
    public String label() {
      return label;
    }
  }

  /** The setting that bounds every message (the codec's limit; docs/security.md, "Bounds"). */
  public static final String MAX_MESSAGE_BYTES = "ays.messages.max-bytes";

  private final EventCodec codec;
  private final EventFactory events;
  private final KafkaSender sender;
  private final Topics topics;
  private final ProcessedMessages processed;
  private final DependencyOutages outages;
  private final DeadLetterCounter deadLetters;
  private final Clock clock;
  private final MessageSpans spans;
  private final EventCodec deadLetterCodec;

  public InboundGate(
      EventCodec codec,
      EventFactory events,
      KafkaSender sender,
      Topics topics,
      ProcessedMessages processed,
      DependencyOutages outages,
      DeadLetterCounter deadLetters,
      Clock clock,
      MessageSpans spans) {
    this.codec = codec;
    this.events = events;
    this.sender = sender;
    this.topics = topics;
    this.processed = processed;
    this.outages = outages;
    this.deadLetters = deadLetters;
    this.clock = clock;
    this.spans = spans;
    // A dead letter holds up to DeadLetter.MAX_PAYLOAD_CHARS of the message, so under a limit set
    // lower than the broker's it could be over that limit itself: dead letters are bounded by the
    // broker's default message size instead (the payload's cut keeps them under it).
    this.deadLetterCodec =
        new EventCodec(Math.max(codec.maxMessageBytes(), EventCodec.DEFAULT_MAX_MESSAGE_BYTES));
  }

  /**
   * Decodes {@code record}, expected to belong to {@code channel}.
   *
   * @param consumer the consumer's name, recorded in the dead letter
   * @return the event, or empty if it was dead-lettered
   */
  public Optional<CloudEvent<?>> admit(
      ConsumerRecord<String, String> record, Channel channel, String consumer) {
    long size = sizeOf(record);
    if (size > codec.maxMessageBytes()) {
      String reason =
          "the message is "
              + size
              + " bytes, over the limit of "
              + codec.maxMessageBytes()
              + " bytes ("
              + MAX_MESSAGE_BYTES
              + "); not read";
      deadLetter(
          Refusal.TOO_LARGE,
          record,
          channel,
          consumer,
          reason,
          null,
          null,
          null,
          new Problem("(message)", reason));
      return Optional.empty();
    }
    try {
      return Optional.of(codec.decode(structuredValue(record), channel));
    } catch (InvalidEventException e) {
      deadLetter(
          Refusal.UNREADABLE,
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

  /** The size of the record's value as it travelled (UTF-8 bytes), headers left out. */
  static long sizeOf(ConsumerRecord<String, String> record) {
    if (record.serializedValueSize() >= 0) {
      return record.serializedValueSize();
    }
    return record.value() == null ? 0 : record.value().getBytes(StandardCharsets.UTF_8).length;
  }

  /** The record's event as structured JSON, whichever mode of the Kafka binding it came in. */
  static String structuredValue(ConsumerRecord<String, String> record) {
    Map<String, byte[]> headers = new HashMap<>();
    record.headers().forEach(header -> headers.put(header.key(), header.value()));
    return KafkaBinding.toStructured(headers, record.value());
  }

  /**
   * Decodes {@code record} and runs {@code handler} on it in a new transaction, once per message
   * id: a redelivered message is skipped. A transaction that lost a race with a concurrent one (see
   * {@link #isConflict}) is rolled back and run again. If the handler throws otherwise, its
   * transaction is rolled back and the message is dead-lettered with the error, so one bad message
   * cannot stop the consumer.
   */
  public void handle(
      ConsumerRecord<String, String> record,
      Channel channel,
      String consumer,
      Consumer<CloudEvent<?>> handler) {
    handle(record, channel, consumer, Repeats.RECORDED, handler);
  }

  /**
   * As {@link #handle(ConsumerRecord, Channel, String, Consumer)}, with {@code repeats} saying how
   * a message handled before is known.
   */
  public void handle(
      ConsumerRecord<String, String> record,
      Channel channel,
      String consumer,
      Repeats repeats,
      Consumer<CloudEvent<?>> handler) {
    Optional<CloudEvent<?>> admitted = admit(record, channel, consumer);
    if (admitted.isEmpty()) {
      return;
    }
    process(new Admitted(record, admitted.get()), channel, consumer, repeats, handler);
  }

  /**
   * As {@link #handle(ConsumerRecord, Channel, String, Repeats, Consumer)}, for an event the caller
   * has already {@linkplain #admit admitted} (and checked further) from {@code record}.
   */
  public void handle(
      ConsumerRecord<String, String> record,
      CloudEvent<?> event,
      Channel channel,
      String consumer,
      Repeats repeats,
      Consumer<CloudEvent<?>> handler) {
    process(new Admitted(record, event), channel, consumer, repeats, handler);
  }

  /**
   * Runs {@code work}, which belongs to no message (a tombstone's effect, say), in a new
   * transaction: run again after a conflict, and held until the dependency is back after a
   * transient failure. Any other failure is logged and the work dropped, as a consumer must go on.
   */
  public void run(String consumer, Runnable work) {
    try {
      inTransaction(consumer, work);
    } catch (DependencyOutages.StoppedWhileWaiting e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.errorf(e, "%s: the work failed and was dropped", consumer);
    }
  }

  /**
   * Handles {@code records} (in this order) as {@link #handle} would, but all in one transaction:
   * one commit for many messages. If that transaction fails for another reason than a conflict, it
   * is rolled back and every message is handled again in a transaction of its own, so that only the
   * message at fault is dead-lettered. The caller must not hand two batches holding messages of one
   * key to this method at the same time (their order would be lost). {@code repeats} says how a
   * message handled before is known.
   */
  public void handleAll(
      List<ConsumerRecord<String, String>> records,
      Channel channel,
      String consumer,
      Repeats repeats,
      Consumer<CloudEvent<?>> handler) {
    List<Admitted> admitted = new ArrayList<>(records.size());
    for (ConsumerRecord<String, String> record : records) {
      admit(record, channel, consumer).ifPresent(e -> admitted.add(new Admitted(record, e)));
    }
    if (admitted.isEmpty()) {
      return;
    }
    if (admitted.size() == 1) {
      process(admitted.get(0), channel, consumer, repeats, handler);
      return;
    }
    try {
      inTransaction(
          consumer,
          () -> {
            for (Admitted a : admitted) {
              if (firstTime(consumer, a.event(), repeats)) {
                spans.handling(a.record(), a.event(), consumer, () -> handler.accept(a.event()));
              }
            }
          });
    } catch (DependencyOutages.StoppedWhileWaiting e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warnf(
          "%s: a transaction of %d messages failed (%s); handling them one by one",
          consumer, admitted.size(), e);
      for (Admitted a : admitted) {
        process(a, channel, consumer, repeats, handler);
      }
    }
  }

  /**
   * Dead-letters a message that could be read but must not be handled (say, a command whose
   * signature does not verify), with {@code reason}; the consumer goes on with the next message.
   */
  public void refuse(
      ConsumerRecord<String, String> record,
      Channel channel,
      String consumer,
      CloudEvent<?> event,
      String reason) {
    refuse(Refusal.REFUSED, record, channel, consumer, event, reason);
  }

  /**
   * As {@link #refuse(ConsumerRecord, Channel, String, CloudEvent, String)}, saying {@code why}
   * (say, {@link Refusal#FAILED} for a message whose handling failed outside the gate).
   */
  public void refuse(
      Refusal why,
      ConsumerRecord<String, String> record,
      Channel channel,
      String consumer,
      CloudEvent<?> event,
      String reason) {
    deadLetter(
        why,
        record,
        channel,
        consumer,
        reason,
        event.id(),
        event.type().type(),
        event.correlationId(),
        new Problem("(message)", reason));
  }

  /** Whether {@code failure} says the transaction lost a race with another: worth running again. */
  public static boolean isConflict(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (isLockFailure(t.getClass())) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // serialization failure, deadlock, lock not available, unique violation (two transactions
        // inserting the same row: the loser sees the winner's on its next try)
        if (state.equals("40001")
            || state.equals("40P01")
            || state.equals("55P03")
            || state.equals("23505")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * JPA's and Hibernate's lock failures, known by name: a service without JPA (the node-executor)
   * has none of these classes, and must not fail to load this one.
   */
  private static final Set<String> LOCK_FAILURES =
      Set.of(
          "jakarta.persistence.OptimisticLockException",
          "jakarta.persistence.PessimisticLockException",
          "jakarta.persistence.LockTimeoutException",
          "org.hibernate.StaleStateException");

  private static boolean isLockFailure(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (LOCK_FAILURES.contains(c.getName())) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code event} is to be handled: always, if the handler knows repeats itself. */
  private boolean firstTime(String consumer, CloudEvent<?> event, Repeats repeats) {
    return repeats == Repeats.IGNORED_BY_HANDLER || processed.markProcessed(consumer, event.id());
  }

  private void process(
      Admitted admitted,
      Channel channel,
      String consumer,
      Repeats repeats,
      Consumer<CloudEvent<?>> handler) {
    CloudEvent<?> event = admitted.event();
    try {
      inTransaction(
          consumer,
          () -> {
            if (firstTime(consumer, event, repeats)) {
              spans.handling(admitted.record(), event, consumer, () -> handler.accept(event));
            }
          });
    } catch (DependencyOutages.StoppedWhileWaiting e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.errorf(e, "%s: processing %s (%s) failed", consumer, event.id(), event.type());
      String reason = "could not be processed: " + e;
      deadLetter(
          Refusal.FAILED,
          admitted.record(),
          channel,
          consumer,
          reason,
          event.id(),
          event.type().type(),
          event.correlationId(),
          new Problem("(message)", reason));
    }
  }

  /**
   * Runs {@code work} in a new transaction; runs it again, after a short pause, while it fails with
   * a {@linkplain #isConflict conflict}. A conflict is a race between two transactions, not a fault
   * of the message, so it is never dead-lettered; only a unique violation, which a persistent bug
   * could cause too, is given up after {@value #MAX_UNIQUE_RETRIES} tries. A {@linkplain
   * TransientFailures transient} failure is waited out for as long as it lasts.
   */
  private void inTransaction(String consumer, Runnable work) {
    int attempt = 0;
    while (true) {
      try {
        QuarkusTransaction.requiringNew().run(work);
        outages.recovered(consumer);
        return;
      } catch (RuntimeException e) {
        if (TransientFailures.isTransient(e)) {
          outages.pauseBeforeRetry(consumer, e);
          continue;
        }
        attempt++;
        if (!isConflict(e) || (isUniqueViolation(e) && attempt >= MAX_UNIQUE_RETRIES)) {
          throw e;
        }
        LOG.debugf(
            "%s: transaction conflict (attempt %d), running it again: %s", consumer, attempt, e);
        try {
          // 5, 10, 20 ... ms up to 1 s, half of it random so that the racers part
          long pause = Math.min(1000, 5L << Math.min(attempt - 1, 8));
          Thread.sleep(pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private record Admitted(ConsumerRecord<String, String> record, CloudEvent<?> event) {}

  /**
   * The one place a message is refused: logged, sent to the dead-letter topic with {@code reason}
   * (and, for a request, a rejection to its sender), whatever {@code why}.
   */
  private void deadLetter(
      Refusal why,
      ConsumerRecord<String, String> record,
      Channel channel,
      String consumer,
      String reason,
      String eventId,
      String eventType,
      String correlationId,
      Problem problem) {
    deadLetters.count(channel, why);
    LOG.warnf(
        "%s: dead-lettering %s[%d]@%d (%s): %s",
        consumer, record.topic(), record.partition(), record.offset(), why, reason);
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
            keptPayload(why, record, channel),
            Instant.now(clock),
            headersOf(record));
    CloudEvent<DeadLetter> dead =
        events.causedBy(eventId, correlationId, EventType.DEAD_LETTER, letter);
    sendHeld(consumer, topics.deadLetter(), record.key(), deadLetterCodec.encode(dead));
    if (channel == Channel.REQUESTS) {
      RequestRejected rejected =
          new RequestRejected(
              record.key(), eventId, eventType, "request refused: " + reason, List.of(problem));
      CloudEvent<RequestRejected> event =
          events.causedBy(eventId, correlationId, EventType.REQUEST_REJECTED, rejected);
      sendHeld(consumer, topics.serviceEvents(), record.key(), codec.encode(event));
    }
  }

  /**
   * What a dead letter keeps of the message. A request's answers and a command's configuration may
   * hold secrets: the dead letter keeps their keys, not their values. A request over the size limit
   * is kept as well when the dead letter would keep it whole, so that it can be replayed once the
   * limit is raised (requests are the only messages an operator replays); any other message over
   * the limit, and a larger request, is not read at all.
   */
  private static String keptPayload(
      Refusal why, ConsumerRecord<String, String> record, Channel channel) {
    if (why == Refusal.TOO_LARGE
        && (channel != Channel.REQUESTS
            || record.value() == null
            || record.value().length() > DeadLetter.MAX_PAYLOAD_CHARS)) {
      return "";
    }
    return switch (channel) {
      case REQUESTS -> RequestRedaction.masked(record.value());
      case COMMANDS -> RequestRedaction.maskedCommand(record.value());
      default -> record.value();
    };
  }

  /** The record's headers, each value as UTF-8 text; a header given twice keeps its last value. */
  private static Map<String, String> headersOf(ConsumerRecord<String, String> record) {
    Map<String, String> headers = new HashMap<>();
    record
        .headers()
        .forEach(
            header ->
                headers.put(
                    header.key(),
                    header.value() == null
                        ? ""
                        : new String(header.value(), StandardCharsets.UTF_8)));
    return headers;
  }

  /**
   * Sends a message the gate itself makes (a dead letter, a rejection): held until the broker takes
   * it. One the broker refuses for good (too large, say) is logged and given up: the consumer must
   * go on.
   */
  private void sendHeld(String consumer, String topic, String key, String value) {
    while (true) {
      try {
        sender.send(topic, key, value);
        outages.recovered(consumer);
        return;
      } catch (RuntimeException e) {
        if (!TransientFailures.isTransient(e)) {
          LOG.errorf("%s: could not send to %s, given up: %s", consumer, topic, e.getMessage());
          return;
        }
        outages.pauseBeforeRetry(consumer, e);
      }
    }
  }
}
