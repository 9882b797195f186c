package io.ays.coordinator.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.PhaseResult;
import io.ays.coordinator.domain.ResultIntake;
import io.ays.messaging.InboundGate;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code ays.results}: what the executors report for each command. */
@ApplicationScoped
public class ResultListener {

  static final String CONSUMER = "coordinator.results";

  private final KeyOrderedHandler handler;
  private final ResultIntake intake;

  public ResultListener(KeyOrderedHandler handler, ResultIntake intake) {
    this.handler = handler;
    this.intake = intake;
  }

  /**
   * One poll's records (the channel is consumed in batches): handled in parallel per instance key,
   * in order within a key ({@link KeyOrderedHandler}). No processed-message record is written for a
   * result: {@link ResultIntake} applies a result only to a running step whose current command it
   * answers, and applying it ends that (the step finishes, or a retry gets a new command id), so a
   * redelivered result changes nothing; the run's row lock orders two copies handled at once.
   */
  @Incoming("results")
  @Blocking
  public void onResults(ConsumerRecords<String, String> records) {
    handler.handle(
        records,
        Channel.RESULTS,
        CONSUMER,
        InboundGate.Repeats.IGNORED_BY_HANDLER,
        event -> intake.accept(event.as(PhaseResult.class)));
  }
}
