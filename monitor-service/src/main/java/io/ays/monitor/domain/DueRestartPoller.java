package io.ays.monitor.domain;

import io.ays.monitor.config.MonitorConfig;
import io.ays.monitor.persistence.InstanceHealthEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Looks for due restarts in the database every {@code ays.monitor.restart.poll-interval} and hands
 * them to the {@link RestartDispatcher}. Due times live in the database rather than in timers, so a
 * restart scheduled before the monitor stopped is sent when it is back.
 */
@ApplicationScoped
public class DueRestartPoller {

  private static final Logger LOG = Logger.getLogger(DueRestartPoller.class);
  private static final int BATCH = 100;

  private final RestartDispatcher dispatcher;
  private final MonitorConfig config;
  private final Clock clock;
  private volatile ScheduledExecutorService scheduler;

  public DueRestartPoller(RestartDispatcher dispatcher, MonitorConfig config, Clock clock) {
    this.dispatcher = dispatcher;
    this.config = config;
    this.clock = clock;
  }

  void onStart(@Observes StartupEvent event) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "ays-restart-poller");
              thread.setDaemon(true);
              return thread;
            });
    long every = config.restart().pollInterval().toMillis();
    executor.scheduleWithFixedDelay(this::pollQuietly, every, every, TimeUnit.MILLISECONDS);
    scheduler = executor;
  }

  void onStop(@Observes ShutdownEvent event) {
    ExecutorService executor = scheduler;
    if (executor != null) {
      executor.shutdown();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Sends every restart due now; returns how many were sent. */
  int poll() {
    Instant now = Instant.now(clock);
    List<String> due =
        QuarkusTransaction.requiringNew().call(() -> InstanceHealthEntity.dueAt(now, BATCH));
    int sent = 0;
    for (String instanceKey : due) {
      try {
        if (dispatcher.dispatchIfDue(instanceKey)) {
          sent++;
        }
      } catch (RuntimeException e) {
        // Left due in the database: the next poll tries again.
        LOG.warnf(e, "restart of %s could not be sent; retrying", instanceKey);
      }
    }
    return sent;
  }

  private void pollQuietly() {
    try {
      poll();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: keep polling whatever happened.
      LOG.warnf("looking for due restarts failed: %s", e.getMessage());
    }
  }
}
