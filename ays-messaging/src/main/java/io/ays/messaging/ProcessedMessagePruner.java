package io.ays.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Forgets processed-message ids older than {@code ays.messaging.processed-retention} (14 days),
 * once per {@code ays.messaging.prune-interval} (1 hour) and once shortly after start. An id is
 * only needed while Kafka could deliver its message again: the topics keep messages 7 days (the
 * compacted topics' messages are idempotent by content), so twice that is safe, and the table no
 * longer grows with every message ever consumed.
 */
@ApplicationScoped
public class ProcessedMessagePruner {

  private static final Logger LOG = Logger.getLogger(ProcessedMessagePruner.class);
  private static final Duration FIRST_DELAY = Duration.ofMinutes(1);

  private final Duration retention;
  private final Duration interval;
  private final Clock clock;
  private final ProcessedMessages processed;
  private volatile Thread worker;

  public ProcessedMessagePruner(
      @ConfigProperty(name = "ays.messaging.processed-retention", defaultValue = "336h")
          Duration retention,
      @ConfigProperty(name = "ays.messaging.prune-interval", defaultValue = "1h") Duration interval,
      Clock clock,
      ProcessedMessages processed) {
    this.retention = retention;
    this.interval = interval;
    this.clock = clock;
    this.processed = processed;
  }

  void onStart(@Observes StartupEvent event) {
    Thread thread = new Thread(this::loop, "ays-processed-pruner");
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
   * Deletes the ids processed before {@code now} minus the retention.
   *
   * @return how many were deleted
   */
  public long prune(Instant now) {
    return processed.forgetProcessedBefore(now.minus(retention));
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
      try {
        long deleted = prune(Instant.now(clock));
        if (deleted > 0) {
          LOG.infof("forgot %d processed-message ids older than %s", deleted, retention);
        }
      } catch (RuntimeException e) {
        // The database may be briefly away; the next round tries again.
        LOG.warnf("pruning processed-message ids failed: %s", e.getMessage());
      }
    }
  }
}
