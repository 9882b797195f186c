package io.ays.monitor.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.HealthReport;
import io.ays.messaging.InboundGate;
import io.ays.monitor.domain.HealthTracker;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code ays.health}: the executors' crash and monitor reports. */
@ApplicationScoped
public class HealthListener {

  static final String CONSUMER = "monitor.health";

  private final InboundGate gate;
  private final HealthTracker tracker;

  public HealthListener(InboundGate gate, HealthTracker tracker) {
    this.gate = gate;
    this.tracker = tracker;
  }

  @Incoming("health")
  @Blocking
  public void onHealth(ConsumerRecord<String, String> record) {
    gate.handle(
        record, Channel.HEALTH, CONSUMER, event -> tracker.onReport(event.as(HealthReport.class)));
  }
}
