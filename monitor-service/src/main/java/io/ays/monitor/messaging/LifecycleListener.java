package io.ays.monitor.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventType;
import io.ays.contracts.InstanceStateChanged;
import io.ays.contracts.RequestRejected;
import io.ays.messaging.InboundGate;
import io.ays.monitor.domain.LifecycleTracker;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code ays.service-events} for what the monitor needs: instances' lifecycle states
 * (whether an instance is meant to run decides whether a crash is restarted) and rejections of the
 * restarts it requested. Other service events are skipped.
 */
@ApplicationScoped
public class LifecycleListener {

  static final String CONSUMER = "monitor.lifecycle";

  private static final Set<EventType> WANTED =
      Set.of(EventType.INSTANCE_STATE, EventType.REQUEST_REJECTED);

  private final InboundGate gate;
  private final LifecycleTracker tracker;

  public LifecycleListener(InboundGate gate, LifecycleTracker tracker) {
    this.gate = gate;
    this.tracker = tracker;
  }

  @Incoming("service-events")
  @Blocking
  public void onEvent(ConsumerRecord<String, String> record) {
    // Decoded once to skip the many run and step events without recording each as processed;
    // the gate decodes the wanted ones again (small messages) to run them once per message id.
    Optional<CloudEvent<?>> event = gate.admit(record, Channel.SERVICE_EVENTS, CONSUMER);
    if (event.isEmpty() || !WANTED.contains(event.get().type())) {
      return;
    }
    gate.handle(record, Channel.SERVICE_EVENTS, CONSUMER, this::apply);
  }

  private void apply(CloudEvent<?> event) {
    if (event.type() == EventType.INSTANCE_STATE) {
      tracker.onStateChanged(event.as(InstanceStateChanged.class));
    } else if (event.type() == EventType.REQUEST_REJECTED) {
      tracker.onRequestRejected(event.as(RequestRejected.class));
    }
  }
}
