package io.ays.contracts;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * Makes the events of one service: fills the id (a random UUID), the time (from the clock) and the
 * source, and carries the causality chain from a cause to the events it causes.
 */
public final class EventFactory {

  private final String source;
  private final Clock clock;

  /**
   * @param source the emitting service as a URI-reference, e.g. {@code /ays/node-executor/node7}
   * @param clock where the time comes from (a fixed clock in tests)
   */
  public EventFactory(String source, Clock clock) {
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The factory of an AYS service: source {@code /ays/<service>}, UTC system clock. */
  public static EventFactory forService(String service) {
    return new EventFactory("/ays/" + service, Clock.systemUTC());
  }

  public String source() {
    return source;
  }

  /** An event that starts a chain: it is its own correlation. */
  public <T extends EventPayload> CloudEvent<T> create(EventType type, T data) {
    String id = newId();
    return new CloudEvent<>(id, source, type, clock.instant(), id, null, data);
  }

  /** An event caused by another: same correlation, the cause's id as causation. */
  public <T extends EventPayload> CloudEvent<T> causedBy(
      CloudEvent<?> cause, EventType type, T data) {
    return causedBy(cause.id(), cause.correlationId(), type, data);
  }

  /**
   * An event caused by a message known only by its ids, e.g. a rejection of a request that could
   * not be decoded ({@link InvalidEventException#eventId()}). A null correlation starts a chain.
   */
  public <T extends EventPayload> CloudEvent<T> causedBy(
      String causeId, String correlationId, EventType type, T data) {
    String id = newId();
    String correlation = correlationId != null ? correlationId : causeId != null ? causeId : id;
    return new CloudEvent<>(id, source, type, clock.instant(), correlation, causeId, data);
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }
}
