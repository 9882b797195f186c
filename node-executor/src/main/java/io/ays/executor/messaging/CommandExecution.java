package io.ays.executor.messaging;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.PhaseResult;
import io.ays.contracts.Topics;
import io.ays.executor.action.ActionContext;
import io.ays.executor.action.ActionOutcome;
import io.ays.executor.action.ActionRunner;
import io.ays.executor.action.ConfigRenderer;
import io.ays.executor.action.InstanceFolders;
import io.ays.executor.action.InstanceOverrides;
import io.ays.executor.action.RunningInstances;
import io.ays.executor.config.ExecutorConfig;
import io.ays.executor.config.NodeSecretKey;
import io.ays.executor.metrics.ExecutorMetrics;
import io.ays.executor.persistence.CommandJournal;
import io.ays.executor.persistence.ExecutedCommand;
import io.ays.executor.retention.InstalledTemplates;
import io.ays.executor.shutdown.PhasesInFlight;
import io.ays.executor.template.TemplateStore;
import io.ays.messaging.DependencyOutages;
import io.ays.messaging.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Carries out one phase command that {@link CommandTrust} admitted: at most once per command id (a
 * journal entry is written before the action runs; a redelivery is answered from the journal), then
 * the result goes to the outbox in the transaction that completes the journal entry.
 */
@ApplicationScoped
public class CommandExecution {

  private static final Logger LOG = Logger.getLogger(CommandExecution.class);
  private static final String CONSUMER = "executor.commands";

  private final TemplateStore templates;
  private final ActionRunner actions;
  private final RunningInstances running;
  private final Outbox outbox;
  private final CommandJournal journal;
  private final EventFactory events;
  private final EventCodec codec;
  private final Topics topics;
  private final ExecutorConfig config;
  private final Path dataDir;
  private final InstanceFolders folders;
  private final NodeSecretKey nodeKey;
  private final ExecutorMetrics metrics;
  private final PhasesInFlight inFlight;
  private final InstalledTemplates installed;
  private final Clock clock;

  public CommandExecution(
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
      Clock clock) {
    this.templates = templates;
    this.actions = actions;
    this.running = running;
    this.outbox = outbox;
    this.journal = journal;
    this.events = events;
    this.codec = codec;
    this.topics = topics;
    this.config = config;
    this.dataDir = config.dataDir().toAbsolutePath().normalize();
    this.folders = new InstanceFolders(dataDir);
    this.nodeKey = nodeKey;
    this.metrics = metrics;
    this.inFlight = inFlight;
    this.installed = installed;
    this.clock = clock;
  }

  public void execute(CloudEvent<PhaseCommand> event) throws InterruptedException {
    PhaseCommand command = event.data();
    // Refused once the executor is stopping: not taken on, not answered, not acknowledged, so the
    // next start runs it and no attempt is lost.
    PhasesInFlight.Running phase =
        inFlight
            .begin(event, Instant.now(clock))
            .orElseThrow(() -> DependencyOutages.StoppedWhileWaiting.stopping(CONSUMER));
    boolean takenOn;
    try {
      takenOn = QuarkusTransaction.requiringNew().call(() -> takeOn(event));
    } catch (RuntimeException e) {
      inFlight.claim(phase);
      throw e;
    }
    if (!takenOn) {
      inFlight.claim(phase);
      return;
    }
    installed.using(command);
    Instant started = Instant.now(clock);
    ActionOutcome outcome;
    try {
      outcome = carryOut(event, started);
    } catch (InterruptedException e) {
      if (!inFlight.claim(phase)) {
        return; // abandoned at shutdown, which answered it and interrupted this thread
      }
      throw e;
    } catch (RuntimeException | Error e) {
      inFlight.claim(phase);
      throw e;
    }
    if (!inFlight.claim(phase)) {
      LOG.infof(
          "command %s ended after it was abandoned at shutdown; its result (%s) is not sent",
          command.commandId(), outcome.outcome());
      return;
    }
    if (command.phase() == Phase.UNINSTALL && outcome.outcome().successful()) {
      installed.uninstalled(command);
    }
    long millis = Duration.between(started, Instant.now(clock)).toMillis();
    metrics.phaseRan(command.phase(), outcome.outcome(), Duration.ofMillis(Math.max(0, millis)));
    LOG.infof(
        "%s %s (%s) on %s: %s%s",
        command.instanceKey(),
        command.phase().actionName(),
        command.role(),
        command.node(),
        outcome.outcome(),
        outcome.message() == null ? "" : " - " + outcome.message());
    PhaseResult result =
        PhaseResult.of(
            command,
            outcome.outcome(),
            outcome.exitCode(),
            outcome.up(),
            outcome.message(),
            outcome.outputTail(),
            started,
            millis);
    finish(event, result);
  }

  /**
   * Journals the command before it runs. Returns false if it was taken on before: its stored result
   * is sent again, or, if the executor died while running it, a failure is reported instead of
   * running it a second time.
   */
  private boolean takeOn(CloudEvent<PhaseCommand> event) {
    PhaseCommand command = event.data();
    Optional<ExecutedCommand> journaled = journal.find(command.commandId());
    if (journaled.isPresent() && journaled.get().result() != null) {
      // A redelivery, or a replay of a signed message: either way it is not run again.
      LOG.infof(
          "command %s was carried out before; its result is sent again, it is not run again",
          command.commandId());
      outbox.enqueue(topics.results(), command.instanceKey().toString(), journaled.get().result());
      return false;
    }
    if (journaled.isPresent()) {
      PhaseResult interrupted =
          PhaseResult.of(
              command,
              PhaseOutcome.FAILED,
              null,
              null,
              "the executor restarted while running "
                  + command.phase().actionName()
                  + "; it is not run a second time",
              null,
              journaled.get().startedAt(),
              0);
      complete(event, interrupted);
      return false;
    }
    journal.begin(
        command.commandId(),
        command.instanceKey().toString(),
        command.phase().name(),
        Instant.now(clock));
    return true;
  }

  private ActionOutcome carryOut(CloudEvent<PhaseCommand> event, Instant now)
      throws InterruptedException {
    PhaseCommand command = event.data();
    if (command.deadline() != null && now.isAfter(command.deadline())) {
      return rejected("stale: its deadline " + command.deadline() + " has passed");
    }
    Optional<Path> templateDir = templates.await(command.template());
    if (templateDir.isEmpty()) {
      return ActionOutcome.failed(
          null, "template version " + command.template() + " is not available on this node", null);
    }
    Path instanceDir = folders.instanceDir(command.instanceKey());
    Path logDir = folders.logDir(command.instanceKey());
    try {
      Map<String, Object> rendered =
          ConfigRenderer.render(
              command.instanceKey().toString(),
              // Secret values arrive sealed for this node; opened here, only in memory.
              InstanceOverrides.apply(instanceDir, nodeKey.open(command.config())),
              ConfigRenderer.systemKeys(config.nodeId(), dataDir, instanceDir, logDir));
      ActionContext context =
          new ActionContext(command, templateDir.get(), instanceDir, logDir, rendered);
      ActionOutcome outcome = actions.run(context);
      track(context, outcome, new RunningInstances.Chain(event.id(), event.correlationId()));
      return outcome;
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      return ActionOutcome.failed(null, e.getMessage(), null);
    }
  }

  /**
   * Keeps the set of running instances current, for monitoring and crash reports; {@code chain} is
   * the command that found the instance up, which its health reports continue.
   */
  private void track(ActionContext context, ActionOutcome outcome, RunningInstances.Chain chain) {
    if (!outcome.outcome().successful()
        || context.command().role() != io.ays.contracts.ExecutionRole.NODE) {
      return;
    }
    Phase phase = context.command().phase();
    if (phase == Phase.START || (phase == Phase.CHECK_UP && Boolean.TRUE.equals(outcome.up()))) {
      running.started(context, chain);
    } else if (phase == Phase.STOP || phase == Phase.HALT || phase == Phase.UNINSTALL) {
      running.stopped(context.instanceKey());
    }
  }

  /**
   * Answers {@code event}, begun at {@code started}, as FAILED with {@code reason}, in the caller's
   * transaction: the executor is stopping and does not wait for it any longer.
   */
  public void abandon(CloudEvent<PhaseCommand> event, Instant started, String reason) {
    long millis = Math.max(0, Duration.between(started, Instant.now(clock)).toMillis());
    complete(
        event,
        PhaseResult.of(
            event.data(), PhaseOutcome.FAILED, null, null, reason, null, started, millis));
  }

  private void finish(CloudEvent<PhaseCommand> event, PhaseResult result) {
    QuarkusTransaction.requiringNew().run(() -> complete(event, result));
  }

  private void complete(CloudEvent<PhaseCommand> cause, PhaseResult result) {
    String encoded = codec.encode(events.causedBy(cause, EventType.RESULT_PHASE, result));
    journal.complete(result.commandId(), encoded);
    outbox.enqueue(topics.results(), result.instanceKey().toString(), encoded);
  }

  private static ActionOutcome rejected(String message) {
    return new ActionOutcome(PhaseOutcome.REJECTED, null, null, message, null);
  }
}
