package io.ays.messaging;

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
 * Forgets every kind of {@link AgedRecords} (processed-message ids; the executor's command journal)
 * older than {@code ays.messaging.processed-retention} (14 days), once per {@code
 * ays.messaging.prune-interval} (1 hour) and once shortly after start. Such a record is only needed
 * while Kafka could deliver its message again: the topics keep messages 7 days (the compacted
 * topics' messages are idempotent by content), so twice that is safe, and the tables no longer grow
 * with every message ever consumed.
 */
@ApplicationScoped
public class RetentionPruner {

  private static final Logger LOG = Logger.getLogger(RetentionPruner.class);
  private static final Duration FIRST_DELAY = Duration.ofMinutes(1);

  private final Duration retention;
  private final Duration interval;
  private final Clock clock;
  private final Instance<AgedRecords> records;
  private volatile Thread worker;

  public RetentionPruner(
      @ConfigProperty(name = "ays.messaging.processed-retention", defaultValue = "336h")
          Duration retention,
      @ConfigProperty(name = "ays.messaging.prune-interval", defaultValue = "1h") Duration interval,
      Clock clock,
      @Any Instance<AgedRecords> records) {
    this.retention = retention;
    this.interval = interval;
    this.clock = clock;
    this.records = records;
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
   * Deletes the records made before {@code now} minus the retention; each kind in a transaction of
   * its own, and a kind that fails does not keep the others from being pruned.
   *
   * @return how many were deleted
   */
  public long prune(Instant now) {
    Instant cutoff = now.minus(retention);
    long total = 0;
    for (AgedRecords kind : records) {
      try {
        long deleted = kind.forgetBefore(cutoff);
        if (deleted > 0) {
          LOG.infof("forgot %d %s older than %s", deleted, kind.description(), retention);
        }
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
