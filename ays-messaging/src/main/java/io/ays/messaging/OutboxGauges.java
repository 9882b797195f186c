package io.ays.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The outbox as Prometheus sees it: {@code ays_outbox_backlog_messages} (rows not sent yet) and
 * {@code ays_outbox_oldest_age_seconds} (how long the oldest of them has waited; 0 when none
 * waits). The relay measures the table now and then ({@link OutboxRelay}); a scrape only reads what
 * was measured, so a database outage cannot hold a scrape up. The age grows between two
 * measurements, as the row it describes keeps waiting.
 */
@ApplicationScoped
public class OutboxGauges {

  private final AtomicLong backlog = new AtomicLong();
  private final AtomicReference<Instant> oldest = new AtomicReference<>();
  private final Clock clock;

  public OutboxGauges(MeterRegistry registry, Clock clock) {
    this.clock = clock;
    Gauge.builder("ays.outbox.backlog", backlog, AtomicLong::doubleValue)
        .description("Outbox rows not sent to Kafka yet")
        .baseUnit("messages")
        .register(registry);
    Gauge.builder("ays.outbox.oldest.age", this, OutboxGauges::oldestAgeSeconds)
        .description("How long the oldest unsent outbox row has waited")
        .baseUnit("seconds")
        .register(registry);
  }

  /** What the relay measured: {@code count} unsent rows, the oldest written at {@code since}. */
  void measured(long count, Instant since) {
    backlog.set(count);
    oldest.set(count == 0 ? null : since);
  }

  private double oldestAgeSeconds() {
    Instant since = oldest.get();
    if (since == null) {
      return 0;
    }
    return Math.max(0, Duration.between(since, Instant.now(clock)).toMillis() / 1000.0);
  }
}
