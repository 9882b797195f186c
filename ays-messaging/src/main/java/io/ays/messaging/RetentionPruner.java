package io.ays.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The one place where a service's growing tables are pruned, once per {@code
 * ays.messaging.prune-interval} (1 hour) and once shortly after start. A service only declares what
 * it keeps: beans of {@link RetainedRecords} (its own rules: finished runs, health history, ...)
 * and of {@link AgedRecords}.
 *
 * <p>{@link AgedRecords} (processed-message ids; the executor's command journal) are forgotten
 * after {@code ays.messaging.processed-retention} (14 days). Such a record is only needed while
 * Kafka could deliver its message again: the topics keep messages 7 days (the compacted topics'
 * messages are idempotent by content), so twice that is safe.
 *
 * <p>{@link RetainedRecords} are deleted {@code ays.retention.batch-size} (500) at a time, each
 * batch a short transaction, until a batch comes back short. Every deletion is logged with its
 * count and counted in {@code ays_retention_deleted_total{kind}}.
 */
@ApplicationScoped
public class RetentionPruner {

  private static final Logger LOG = Logger.getLogger(RetentionPruner.class);
  private static final Duration FIRST_DELAY = Duration.ofMinutes(1);

  private final Duration retention;
  private final Duration interval;
  private final Clock clock;
  private final Instance<AgedRecords> records;
  private final Instance<RetainedRecords> rules;
  private final int batchSize;
  private final MeterRegistry registry;
  private volatile Thread worker;

  public RetentionPruner(
      @ConfigProperty(name = "ays.messaging.processed-retention", defaultValue = "336h")
          Duration retention,
      @ConfigProperty(name = "ays.messaging.prune-interval", defaultValue = "1h") Duration interval,
      @ConfigProperty(name = "ays.retention.batch-size", defaultValue = "500") int batchSize,
      Clock clock,
      @Any Instance<AgedRecords> records,
      @Any Instance<RetainedRecords> rules,
      MeterRegistry registry) {
    if (batchSize < 1) {
      throw new IllegalArgumentException(
          "ays.retention.batch-size must be at least 1, not " + batchSize);
    }
    this.retention = retention;
    this.interval = interval;
    this.batchSize = batchSize;
    this.clock = clock;
    this.records = records;
    this.rules = rules;
    this.registry = registry;
  }

  void onStart(@Observes StartupEvent event) {
    Thread thread = new Thread(this::loop, "ays-retention-pruner");
    thread.setDaemon(true);
    thread.start();
    worker = thread;
  }

  void onStop(@Observes ShutdownEvent event) {
    Thread thread = worker;
    if (thread != null) {
      thread.interrupt();
    }
  }

  /**
   * Deletes what no rule keeps as of {@code now}: the aged records made before {@code now} minus
   * the retention, and what each {@link RetainedRecords} rule lets go. Each kind in transactions of
   * its own, and a kind that fails does not keep the others from being pruned.
   *
   * @return how many were deleted
   */
  public long prune(Instant now) {
    long total = 0;
    for (RetainedRecords rule : rules) {
      total += pruneAll(rule, now);
    }
    Instant cutoff = now.minus(retention);
    for (AgedRecords kind : records) {
      try {
        long deleted = kind.forgetBefore(cutoff);
        if (deleted > 0) {
          LOG.infof("forgot %d %s older than %s", deleted, kind.description(), retention);
        }
        deleted(kind.description().replaceAll("[^A-Za-z0-9]+", "_")).increment(deleted);
        total += deleted;
      } catch (RuntimeException e) {
        // The database may be briefly away; the next round tries again.
        LOG.warnf(
            "forgetting %s older than %s failed: %s",
            kind.description(), retention, e.getMessage());
      }
    }
    return total;
  }

  /** Applies {@code rule} a batch at a time until a batch comes back short. */
  private long pruneAll(RetainedRecords rule, Instant now) {
    long deleted = 0;
    try {
      int batch;
      do {
        batch = rule.pruneBatch(now, batchSize);
        deleted += batch;
        deleted(rule.kind()).increment(batch);
      } while (batch >= batchSize && !Thread.currentThread().isInterrupted());
    } catch (RuntimeException e) {
      // The database may be briefly away; the next round goes on where this one stopped.
      LOG.warnf("pruning %s (keeping %s) failed: %s", rule.kind(), rule.rule(), e.getMessage());
    }
    if (deleted > 0) {
      LOG.infof("deleted %d %s (keeping %s)", deleted, rule.kind(), rule.rule());
    }
    return deleted;
  }

  private Counter deleted(String kind) {
    return Counter.builder("ays.retention.deleted")
        .description("Records deleted by the retention rules (docs/operations.md, \"Retention\")")
        .tag("kind", kind)
        .register(registry);
  }

  private void loop() {
    Duration wait = FIRST_DELAY;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      wait = interval;
      prune(Instant.now(clock));
    }
  }
}
