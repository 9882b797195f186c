package io.ays.monitor.domain;

import io.ays.monitor.config.MonitorConfig;
import io.ays.monitor.metrics.MonitorMetrics;
import io.ays.monitor.persistence.InstanceHealthEntity;
import io.ays.monitor.persistence.NodeStatusEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Every {@code ays.monitor.health.sweep-interval} looks for silence: nodes whose heartbeats stopped
 * and instances whose periodic reports stopped, and hands them to the {@link SilenceDetector}.
 * Silence is an absence of messages, so no consumer would ever notice it.
 */
@ApplicationScoped
public class HealthSweeper {

  private static final Logger LOG = Logger.getLogger(HealthSweeper.class);
  private static final int BATCH = 500;

  private final SilenceDetector detector;
  private final MonitorMetrics metrics;
  private final MonitorConfig config;
  private final Clock clock;
  private volatile ScheduledExecutorService scheduler;

  public HealthSweeper(
      SilenceDetector detector, MonitorMetrics metrics, MonitorConfig config, Clock clock) {
    this.detector = detector;
    this.metrics = metrics;
    this.config = config;
    this.clock = clock;
  }

  void onStart(@Observes StartupEvent event) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "ays-health-sweeper");
              thread.setDaemon(true);
              return thread;
            });
    long every = config.health().sweepInterval().toMillis();
    executor.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    scheduler = executor;
  }

  void onStop(@Observes ShutdownEvent event) {
    ScheduledExecutorService executor = scheduler;
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  /** One sweep: silent nodes first (their instances' reports stopped for the same reason). */
  void sweep() {
    Instant now = Instant.now(clock);
    int missed = config.nodes().missedHeartbeats();
    List<NodeStatusEntity> alive = QuarkusTransaction.requiringNew().call(NodeStatusEntity::alive);
    for (NodeStatusEntity node : alive) {
      if (!SilenceDetector.silentAfter(node, missed).isAfter(now)) {
        detector.markNodeSilent(node.nodeId, missed, now);
      }
    }
    Instant reportedBefore = now.minus(config.health().reportTimeout());
    List<String> unreported =
        QuarkusTransaction.requiringNew()
            .call(() -> InstanceHealthEntity.upButSilentSince(reportedBefore, BATCH));
    for (String key : unreported) {
      detector.markUnreported(key, config.health().reportTimeout(), now);
    }
    metrics.refresh(); // also after each change; this catches what happened without one
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: keep sweeping whatever happened.
      LOG.warnf(e, "looking for silent nodes and instances failed");
    }
  }
}
