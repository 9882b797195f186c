package io.ays.executor.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.CloudEvent;
import io.ays.contracts.PhaseCommand;
import io.ays.messaging.DependencyOutages;
import io.ays.messaging.InboundGate;
import io.ays.messaging.tracing.MessageSpans;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes this node's commands ({@code ays.commands.<node id>}), strictly in order; runs only
 * those that are signed by a trusted key and addressed to this node.
 */
@ApplicationScoped
public class CommandListener {

  private static final Logger LOG = Logger.getLogger(CommandListener.class);

  static final String CONSUMER = "executor.commands";

  private final InboundGate gate;
  private final CommandTrust trust;
  private final CommandRefusal refusal;
  private final CommandExecution execution;
  private final MessageSpans spans;

  public CommandListener(
      InboundGate gate,
      CommandTrust trust,
      CommandRefusal refusal,
      CommandExecution execution,
      MessageSpans spans) {
    this.spans = spans;
    this.gate = gate;
    this.trust = trust;
    this.refusal = refusal;
    this.execution = execution;
  }

  @Incoming("commands")
  @Blocking
  public void onCommand(ConsumerRecord<String, String> record) throws InterruptedException {
    var event = gate.admit(record, Channel.COMMANDS, CONSUMER);
    if (event.isEmpty()) {
      return;
    }
    CloudEvent<PhaseCommand> command = event.get().as(PhaseCommand.class);
    // The coordinator's span that sent the command is the parent: every phase on every node is in
    // the trace of the request that caused it.
    spans.handling(record, command, CONSUMER, () -> checkAndExecute(record, command));
  }

  private void checkAndExecute(
      ConsumerRecord<String, String> record, CloudEvent<PhaseCommand> command)
      throws InterruptedException {
    PhaseCommand phase = command.data();
    MessageSpans.rename("execute " + phase.phase().actionName());
    MessageSpans.describe(
        Map.of(
            MessageSpans.RUN_ID,
            String.valueOf(phase.runId()),
            MessageSpans.PHASE,
            phase.phase().actionName(),
            MessageSpans.NODE,
            String.valueOf(phase.node())));
    var refused = trust.check(record.value(), command);
    if (refused.isPresent()) {
      refusal.refuse(record, command, refused.get(), CONSUMER);
    } else {
      executeOrDeadLetter(record, command);
    }
  }

  /**
   * Runs the command; an exception the execution did not turn into a result (its journal failing,
   * say) dead-letters the command with the reason instead of failing the channel, so the next
   * command is still taken. The coordinator times the step out and tries again.
   */
  private void executeOrDeadLetter(
      ConsumerRecord<String, String> record, CloudEvent<PhaseCommand> command)
      throws InterruptedException {
    try {
      execution.execute(command);
    } catch (DependencyOutages.StoppedWhileWaiting e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.errorf(e, "command %s could not be executed", command.id());
      gate.refuse(
          InboundGate.Refusal.FAILED,
          record,
          Channel.COMMANDS,
          CONSUMER,
          command,
          "could not be executed: " + e);
    }
  }
}
