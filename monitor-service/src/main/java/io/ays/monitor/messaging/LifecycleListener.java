package io.ays.monitor.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.EventType;
import io.ays.contracts.InstanceStateChanged;
import io.ays.messaging.InboundGate;
import io.ays.monitor.domain.HealthTracker;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code ays.service-events} for the instances' lifecycle states: whether an instance
 * should be running decides whether a crash is restarted.
 */
@ApplicationScoped
public class LifecycleListener {

  static final String CONSUMER = "monitor.lifecycle";

  private final InboundGate gate;
  private final HealthTracker tracker;

  public LifecycleListener(InboundGate gate, HealthTracker tracker) {
    this.gate = gate;
    this.tracker = tracker;
  }

  @Incoming("service-events")
  @Blocking
  public void onEvent(ConsumerRecord<String, String> record) {
    gate.handle(
        record,
        Channel.SERVICE_EVENTS,
        CONSUMER,
        event -> {
          if (event.type() == EventType.INSTANCE_STATE) {
            tracker.onLifecycle(event.as(InstanceStateChanged.class).data());
          }
        });
  }
}
