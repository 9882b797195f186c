package io.ays.executor;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.Topics;
import io.ays.executor.action.ActionRunner;
import io.ays.executor.action.RunningInstances;
import io.ays.executor.config.ExecutorConfig;
import io.ays.executor.config.NodeSecretKey;
import io.ays.executor.messaging.CommandExecution;
import io.ays.executor.metrics.ExecutorMetrics;
import io.ays.executor.persistence.CommandJournal;
import io.ays.executor.retention.InstalledTemplates;
import io.ays.executor.shutdown.PhasesInFlight;
import io.ays.executor.template.TemplateStore;
import io.ays.messaging.Outbox;
import io.ays.testing.FaultInjectingGate;
import io.ays.testing.FaultInjectionProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Set;

/**
 * For fault tests only: the executor's command execution, except that a command that came in a
 * record marked for a fault throws, as a bug in carrying it out would.
 */
@Alternative
// A singleton, not application-scoped: a client proxy would need a no-args constructor, which
// CommandExecution does not have.
@Singleton
public class FaultInjectingCommandExecution extends CommandExecution {

  private final FaultInjectingGate gate;

  public FaultInjectingCommandExecution(
      TemplateStore templates,
      ActionRunner actions,
      RunningInstances running,
      Outbox outbox,
      CommandJournal journal,
      EventFactory events,
      EventCodec codec,
      Topics topics,
      ExecutorConfig config,
      NodeSecretKey nodeKey,
      ExecutorMetrics metrics,
      PhasesInFlight inFlight,
      InstalledTemplates installed,
      Clock clock,
      FaultInjectingGate gate) {
    super(
        templates, actions, running, outbox, journal, events, codec, topics, config, nodeKey,
        metrics, inFlight, installed, clock);
    this.gate = gate;
  }

  @Override
  public void execute(CloudEvent<PhaseCommand> event) throws InterruptedException {
    if (gate.isMarked(event)) {
      throw new IllegalStateException(FaultInjectingGate.FAULT);
    }
    super.execute(event);
  }

  /** The executor's fault tests: its gate and its command execution both inject faults. */
  public static class Profile extends FaultInjectionProfile {
    @Override
    public Set<Class<?>> getEnabledAlternatives() {
      return Set.of(FaultInjectingGate.class, FaultInjectingCommandExecution.class);
    }
  }
}
