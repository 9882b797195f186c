package io.ays.monitor.domain;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.HealthReport;
import io.ays.contracts.HealthStatus;
import io.ays.contracts.InstanceState;
import io.ays.contracts.InstanceStateChanged;
import io.ays.monitor.config.MonitorConfig;
import io.ays.monitor.persistence.HealthHistoryEntity;
import io.ays.monitor.persistence.InstanceHealthEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Keeps every instance's health from the executors' reports and the coordinator's lifecycle events,
 * and decides restarts by the {@link RestartPolicy}. A restart is only scheduled for an instance
 * that should be running (its last lifecycle state is RUNNING) and has none pending, so that a
 * crash loop cannot flood the system with requests.
 */
@ApplicationScoped
public class HealthTracker {

  private static final Logger LOG = Logger.getLogger(HealthTracker.class);

  private final RestartPolicy policy;
  private final Clock clock;

  public HealthTracker(MonitorConfig config, Clock clock) {
    MonitorConfig.Restart r = config.restart();
    this.policy =
        new RestartPolicy(
            r.initialDelay(), r.multiplier(), r.maxDelay(), r.resetAfter(), r.maxRestarts());
    this.clock = clock;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void onHealth(CloudEvent<HealthReport> event) {
    HealthReport report = event.data();
    Instant now = Instant.now(clock);
    InstanceHealthEntity health =
        InstanceHealthEntity.getOrCreate(report.instanceKey().toString(), now);
    health.node = report.node().value();
    health.lastReportAt = report.observedAt();
    health.lastMessage = report.message();
    if (report.outputTail() != null) {
      health.lastOutput = report.outputTail();
    }
    String status = report.status().name();
    if (!status.equals(health.status)) {
      health.status = status;
      health.lastChangeAt = now;
      record(health, report);
      if (report.status() == HealthStatus.UP) {
        health.upSince = report.observedAt();
      }
    }
    if (report.status() == HealthStatus.DOWN) {
      considerRestart(health, event);
    }
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void onLifecycle(InstanceStateChanged change) {
    Instant now = Instant.now(clock);
    InstanceHealthEntity health =
        InstanceHealthEntity.getOrCreate(change.instanceKey().toString(), now);
    health.lifecycleState = change.to().name();
    health.node = change.node().value();
    switch (change.to()) {
      case RUNNING -> {
        // Running again, whether after our restart or a person's start: the monitor may act again.
        health.gaveUp = false;
        health.gaveUpReason = null;
      }
      case STOPPING, STOPPED, UNINSTALLING, REMOVED -> {
        health.restartDueAt = null; // stopped on purpose: a pending restart is cancelled
        health.consecutiveRestarts = 0;
      }
      default -> {}
    }
  }

  private void considerRestart(InstanceHealthEntity health, CloudEvent<HealthReport> cause) {
    if (!InstanceState.RUNNING.name().equals(health.lifecycleState)
        || health.restartDueAt != null
        || health.gaveUp) {
      return;
    }
    Instant crashedAt = cause.data().observedAt();
    RestartDecision decision =
        policy.onCrash(new RestartHistory(health.consecutiveRestarts, health.upSince), crashedAt);
    if (!decision.restart()) {
      health.gaveUp = true;
      health.gaveUpReason = decision.reason();
      LOG.warnf("%s: %s", health.instanceKey, decision.reason());
      return;
    }
    health.consecutiveRestarts = decision.attempt();
    health.restartDueAt = decision.restartAt();
    health.restartReason =
        "restart #" + decision.attempt() + " after crash: " + cause.data().message();
    health.restartCauseId = cause.id();
    health.restartCorrelationId = cause.correlationId();
  }

  private static void record(InstanceHealthEntity health, HealthReport report) {
    HealthHistoryEntity entry = new HealthHistoryEntity();
    entry.instanceKey = health.instanceKey;
    entry.status = report.status().name();
    entry.source = report.source().name();
    entry.message = report.message();
    entry.observedAt = report.observedAt();
    entry.persist();
  }
}
