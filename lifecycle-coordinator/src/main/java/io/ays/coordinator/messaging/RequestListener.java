package io.ays.coordinator.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.ServiceRequest;
import io.ays.coordinator.domain.RequestIntake;
import io.ays.messaging.InboundGate;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code ays.requests}: users', the CLI's and the monitor's lifecycle requests. */
@ApplicationScoped
public class RequestListener {

  static final String CONSUMER = "coordinator.requests";

  private final KeyOrderedHandler handler;
  private final RequestIntake intake;

  public RequestListener(KeyOrderedHandler handler, RequestIntake intake) {
    this.handler = handler;
    this.intake = intake;
  }

  /**
   * One poll's records (the channel is consumed in batches): handled in parallel per instance key,
   * in order within a key ({@link KeyOrderedHandler}).
   */
  @Incoming("requests")
  @Blocking
  public void onRequests(ConsumerRecords<String, String> records) {
    handler.handle(
        records,
        Channel.REQUESTS,
        CONSUMER,
        InboundGate.Repeats.RECORDED,
        event -> intake.accept(event.as(ServiceRequest.class)));
  }
}
