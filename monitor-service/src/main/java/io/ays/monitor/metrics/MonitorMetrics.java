package io.ays.monitor.metrics;

import io.ays.messaging.DurationBuckets;
import io.ays.monitor.persistence.InstanceHealthEntity;
import io.ays.monitor.persistence.NodeStatusEntity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The monitor's Prometheus metrics ({@code GET /q/metrics}): instances by health status and FAILED,
 * nodes alive and silent (read from the database after each committed change and each sweep, never
 * on the scrape thread), restart requests, give-ups, the time from detecting a crash to sending its
 * restart, and the event-stream clients dropped for not reading.
 */
@ApplicationScoped
public class MonitorMetrics {

  private static final Logger LOG = Logger.getLogger(MonitorMetrics.class);

  /** The health statuses counted; the same words as the REST API's {@code status}. */
  enum Status {
    UP,
    DEGRADED,
    DOWN,
    UNKNOWN
  }

  private final Map<Status, AtomicLong> byStatus = new EnumMap<>(Status.class);
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong nodesSilent = new AtomicLong();
  private final AtomicLong nodesAlive = new AtomicLong();
  private final Counter restarts;
  private final Counter gaveUp;
  private final Timer detectionToRestart;
  private final Counter liveClientsDropped;

  public MonitorMetrics(MeterRegistry registry) {
    for (Status status : Status.values()) {
      AtomicLong count = new AtomicLong();
      byStatus.put(status, count);
      registry.gauge(
          "ays.monitor.instances",
          io.micrometer.core.instrument.Tags.of("status", status.name()),
          count,
          AtomicLong::doubleValue);
    }
    registry.gauge("ays.monitor.instances.failed", failed, AtomicLong::doubleValue);
    registry.gauge(
        "ays.monitor.nodes",
        io.micrometer.core.instrument.Tags.of("state", "alive"),
        nodesAlive,
        AtomicLong::doubleValue);
    registry.gauge(
        "ays.monitor.nodes",
        io.micrometer.core.instrument.Tags.of("state", "silent"),
        nodesSilent,
        AtomicLong::doubleValue);
    restarts =
        Counter.builder("ays.monitor.restarts")
            .description("Restart requests the monitor sent")
            .register(registry);
    gaveUp =
        Counter.builder("ays.monitor.gave.up")
            .description("Instances the monitor gave up on (marked FAILED)")
            .register(registry);
    detectionToRestart =
        Timer.builder("ays.monitor.detection.to.restart")
            .description("From the DOWN report to the restart request, backoff delay included")
            .serviceLevelObjectives(DurationBuckets.upTo(Duration.ofMinutes(10)))
            .register(registry);
    liveClientsDropped =
        Counter.builder("ays.monitor.live.clients.dropped")
            .description("Event-stream clients dropped for falling too far behind")
            .register(registry);
  }

  /** An event-stream client was dropped: it did not read its events. */
  public void liveClientDropped() {
    liveClientsDropped.increment();
  }

  /**
   * A restart request was written; {@code sinceDetection} is null when no DOWN report caused it.
   */
  public void restartSent(Duration sinceDetection) {
    restarts.increment();
    if (sinceDetection != null && !sinceDetection.isNegative()) {
      detectionToRestart.record(sinceDetection);
    }
  }

  public void gaveUp() {
    gaveUp.increment();
  }

  /** Re-reads the instance counts from the database. */
  public void refresh() {
    try {
      Map<Status, Long> counts = new EnumMap<>(Status.class);
      long failedNow =
          QuarkusTransaction.requiringNew()
              .call(
                  () -> {
                    for (Object[] row : InstanceHealthEntity.countByStatus()) {
                      counts.put(Status.valueOf((String) row[0]), (Long) row[1]);
                    }
                    nodesSilent.set(NodeStatusEntity.count("silent = true"));
                    nodesAlive.set(NodeStatusEntity.count("silent = false"));
                    return InstanceHealthEntity.count("failed = true");
                  });
      for (Status status : Status.values()) {
        byStatus.get(status).set(counts.getOrDefault(status, 0L));
      }
      failed.set(failedNow);
    } catch (RuntimeException e) {
      LOG.debugf("instance counts not refreshed: %s", e.getMessage());
    }
  }
}
