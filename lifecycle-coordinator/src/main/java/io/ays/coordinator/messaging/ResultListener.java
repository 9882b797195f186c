package io.ays.coordinator.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.PhaseResult;
import io.ays.coordinator.domain.ResultIntake;
import io.ays.messaging.InboundGate;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code ays.results}: what the executors report for each command. */
@ApplicationScoped
public class ResultListener {

  static final String CONSUMER = "coordinator.results";

  private final InboundGate gate;
  private final ResultIntake intake;

  public ResultListener(InboundGate gate, ResultIntake intake) {
    this.gate = gate;
    this.intake = intake;
  }

  @Incoming("results")
  @Blocking
  public void onResult(ConsumerRecord<String, String> record) {
    gate.handle(
        record, Channel.RESULTS, CONSUMER, event -> intake.accept(event.as(PhaseResult.class)));
  }
}
