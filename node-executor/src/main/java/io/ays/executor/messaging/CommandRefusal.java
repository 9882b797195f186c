package io.ays.executor.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.PhaseResult;
import io.ays.contracts.Topics;
import io.ays.executor.config.ExecutorConfig;
import io.ays.messaging.InboundGate;
import io.ays.messaging.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Turns away a command that must not run: it goes to the dead-letter topic with the reason, and,
 * where the refusal says so, a FAILED result tells the coordinator at once instead of at its
 * timeout. Nothing is run and the journal is not touched, so a refused command id stays free for
 * the genuine command.
 */
@ApplicationScoped
public class CommandRefusal {

  private static final Logger LOG = Logger.getLogger(CommandRefusal.class);

  private final InboundGate gate;
  private final Outbox outbox;
  private final EventFactory events;
  private final EventCodec codec;
  private final Topics topics;
  private final String nodeId;
  private final Clock clock;

  public CommandRefusal(
      InboundGate gate,
      Outbox outbox,
      EventFactory events,
      EventCodec codec,
      Topics topics,
      ExecutorConfig config,
      Clock clock) {
    this.gate = gate;
    this.outbox = outbox;
    this.events = events;
    this.codec = codec;
    this.topics = topics;
    this.nodeId = config.nodeId();
    this.clock = clock;
  }

  public void refuse(
      ConsumerRecord<String, String> record,
      CloudEvent<PhaseCommand> event,
      CommandTrust.Refusal refusal,
      String consumer) {
    PhaseCommand command = event.data();
    LOG.warnf(
        "refused command %s (%s %s): %s; not run",
        command.commandId(), command.instanceKey(), command.phase().actionName(), refusal.reason());
    String reason = "command refused: " + refusal.reason();
    gate.refuse(record, Channel.COMMANDS, consumer, event, reason);
    if (!refusal.answer()) {
      return;
    }
    PhaseResult failed =
        PhaseResult.of(
            command,
            PhaseOutcome.FAILED,
            null,
            null,
            "node " + nodeId + " refused the command, not run: " + refusal.reason(),
            null,
            Instant.now(clock),
            0);
    String encoded = codec.encode(events.causedBy(event, EventType.RESULT_PHASE, failed));
    QuarkusTransaction.requiringNew()
        .run(() -> outbox.enqueue(topics.results(), command.instanceKey().toString(), encoded));
  }
}
