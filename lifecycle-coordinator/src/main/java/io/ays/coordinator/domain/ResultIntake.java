package io.ays.coordinator.domain;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventType;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseResult;
import io.ays.contracts.StepFinished;
import io.ays.contracts.StepOutcome;
import io.ays.coordinator.domain.plan.RunDecider;
import io.ays.coordinator.domain.plan.StepStatus;
import io.ays.coordinator.persistence.RunEntity;
import io.ays.coordinator.persistence.RunStepEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Applies an executor's result to its step and moves the run on. A result for a command that is not
 * the step's current one (a redelivery, or a late answer to an abandoned attempt) changes nothing.
 */
@ApplicationScoped
public class ResultIntake {

  private static final Logger LOG = Logger.getLogger(ResultIntake.class);
  private static final int REASON_TAIL_LINES = 10;

  private final RunDecider decider = new RunDecider();
  private final RunEngine engine;
  private final ServiceEvents events;
  private final Clock clock;

  public ResultIntake(RunEngine engine, ServiceEvents events, Clock clock) {
    this.engine = engine;
    this.events = events;
    this.clock = clock;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void accept(CloudEvent<PhaseResult> event) {
    PhaseResult result = event.data();
    RunStepEntity step =
        RunStepEntity.findById(new RunStepEntity.Id(result.runId(), result.step()));
    if (step == null
        || !StepStatus.RUNNING.name().equals(step.status)
        || !result.commandId().equals(step.commandId)) {
      LOG.debugf(
          "ignoring result %s for command %s: not the step's current command",
          event.id(), result.commandId());
      return;
    }
    RunEntity run = RunEntity.findById(result.runId());
    Cause cause = Cause.of(event);
    String reason;
    StepOutcome outcome;
    if (result.outcome().successful()) {
      reason = decider.judgeCheck(StepRows.planned(step), result.up());
      outcome = reason == null ? StepOutcome.SUCCEEDED : StepOutcome.FAILED;
    } else {
      outcome = StepOutcome.of(result.outcome());
      reason = describeFailure(result);
    }
    step.status =
        outcome.letsRunContinue() ? StepStatus.SUCCEEDED.name() : StepStatus.FAILED.name();
    step.reason = reason;
    step.up = result.up();
    step.exitCode = result.exitCode();
    step.outputTail = result.outputTail();
    step.finishedAt = Instant.now(clock);
    events.publish(
        cause,
        EventType.RUN_STEP_FINISHED,
        new StepFinished(
            run.id,
            InstanceKey.parse(run.instanceKey),
            step.id.seq,
            NodeId.of(step.node),
            Phase.valueOf(step.phase),
            step.attempt,
            outcome,
            result.up(),
            result.exitCode(),
            reason != null ? reason : result.message(),
            result.outputTail(),
            result.durationMs(),
            false));
    engine.advance(run, cause);
  }

  /** The phase's failure as a person needs it: outcome, exit status, message, output tail. */
  static String describeFailure(PhaseResult result) {
    StringBuilder reason =
        new StringBuilder(result.outcome().name().toLowerCase().replace('_', ' '));
    if (result.exitCode() != null) {
      reason.append(" (exit ").append(result.exitCode()).append(')');
    }
    if (result.message() != null && !result.message().isBlank()) {
      reason.append(": ").append(result.message());
    }
    String tail = lastLines(result.outputTail(), REASON_TAIL_LINES);
    if (!tail.isEmpty()) {
      reason.append("\n--- output (last lines) ---\n").append(tail);
    }
    return reason.toString();
  }

  private static String lastLines(String text, int lines) {
    if (text == null || text.isBlank()) {
      return "";
    }
    String[] all = text.strip().split("\n");
    int from = Math.max(0, all.length - lines);
    return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
  }
}
