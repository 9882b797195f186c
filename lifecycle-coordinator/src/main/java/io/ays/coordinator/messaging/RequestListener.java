package io.ays.coordinator.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.ServiceRequest;
import io.ays.coordinator.domain.RequestIntake;
import io.ays.messaging.InboundGate;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code ays.requests}: users', the CLI's and the monitor's lifecycle requests. */
@ApplicationScoped
public class RequestListener {

  static final String CONSUMER = "coordinator.requests";

  private final InboundGate gate;
  private final RequestIntake intake;

  public RequestListener(InboundGate gate, RequestIntake intake) {
    this.gate = gate;
    this.intake = intake;
  }

  @Incoming("requests")
  @Blocking
  public void onRequest(ConsumerRecord<String, String> record) {
    gate.handle(
        record, Channel.REQUESTS, CONSUMER, event -> intake.accept(event.as(ServiceRequest.class)));
  }
}
