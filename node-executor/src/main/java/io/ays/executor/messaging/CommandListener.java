package io.ays.executor.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.PhaseCommand;
import io.ays.messaging.InboundGate;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes this node's commands ({@code ays.commands.<node id>}), strictly in order. */
@ApplicationScoped
public class CommandListener {

  static final String CONSUMER = "executor.commands";

  private final InboundGate gate;
  private final CommandExecution execution;

  public CommandListener(InboundGate gate, CommandExecution execution) {
    this.gate = gate;
    this.execution = execution;
  }

  @Incoming("commands")
  @Blocking
  public void onCommand(ConsumerRecord<String, String> record) throws InterruptedException {
    var event = gate.admit(record, Channel.COMMANDS, CONSUMER);
    if (event.isPresent()) {
      execution.execute(event.get().as(PhaseCommand.class));
    }
  }
}
