package io.ays.monitor.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventType;
import io.ays.contracts.InstanceStateChanged;
import io.ays.contracts.RequestRejected;
import io.ays.contracts.RunAccepted;
import io.ays.contracts.RunFinished;
import io.ays.messaging.InboundGate;
import io.ays.messaging.InboundGate.Repeats;
import io.ays.monitor.domain.LifecycleTracker;
import io.ays.monitor.domain.RunTracker;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code ays.service-events} for what the monitor needs: instances' lifecycle states
 * (whether an instance is meant to run decides whether a crash is restarted), rejections of the
 * restarts it requested, and runs accepted and finished (the dashboard's runs view). Step events
 * are skipped.
 */
@ApplicationScoped
public class LifecycleListener {

  static final String CONSUMER = "monitor.lifecycle";

  private static final Set<EventType> WANTED =
      Set.of(EventType.INSTANCE_STATE, EventType.REQUEST_REJECTED);

  private static final Set<EventType> RUNS = Set.of(EventType.RUN_ACCEPTED, EventType.RUN_FINISHED);

  private final InboundGate gate;
  private final LifecycleTracker tracker;
  private final RunTracker runs;

  public LifecycleListener(InboundGate gate, LifecycleTracker tracker, RunTracker runs) {
    this.gate = gate;
    this.tracker = tracker;
    this.runs = runs;
  }

  @Incoming("service-events")
  @Blocking
  public void onEvent(ConsumerRecord<String, String> record) {
    // Decoded once to skip the many step events without recording each as processed; the gate
    // decodes lifecycle events again (small messages) to run them once per message id.
    Optional<CloudEvent<?>> event = gate.admit(record, Channel.SERVICE_EVENTS, CONSUMER);
    if (event.isEmpty()) {
      return;
    }
    if (RUNS.contains(event.get().type())) {
      // Recording a run twice changes nothing: no processed-message row per run event.
      gate.handle(
          record,
          event.get(),
          Channel.SERVICE_EVENTS,
          CONSUMER,
          Repeats.IGNORED_BY_HANDLER,
          this::applyRun);
      return;
    }
    if (!WANTED.contains(event.get().type())) {
      return;
    }
    gate.handle(record, Channel.SERVICE_EVENTS, CONSUMER, this::apply);
  }

  private void applyRun(CloudEvent<?> event) {
    if (event.type() == EventType.RUN_ACCEPTED) {
      runs.onAccepted(event.as(RunAccepted.class));
    } else {
      runs.onFinished(event.as(RunFinished.class));
    }
  }

  private void apply(CloudEvent<?> event) {
    if (event.type() == EventType.INSTANCE_STATE) {
      tracker.onStateChanged(event.as(InstanceStateChanged.class));
    } else if (event.type() == EventType.REQUEST_REJECTED) {
      tracker.onRequestRejected(event.as(RequestRejected.class));
    }
  }
}
