package io.ays.coordinator.domain;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.PhaseResult;
import io.ays.contracts.StepOutcome;
import io.ays.coordinator.domain.plan.RunDecider;
import io.ays.coordinator.domain.plan.StepStatus;
import io.ays.coordinator.persistence.RunEntity;
import io.ays.coordinator.persistence.RunStepEntity;
import io.ays.messaging.tracing.MessageSpans;
import io.opentelemetry.api.common.AttributeKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
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
  private final AttemptRecorder attempts;

  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("ays.outcome");

  public ResultIntake(RunEngine engine, AttemptRecorder attempts) {
    this.engine = engine;
    this.attempts = attempts;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void accept(CloudEvent<PhaseResult> event) {
    PhaseResult result = event.data();
    MessageSpans.describe(
        Map.of(
            MessageSpans.RUN_ID,
            String.valueOf(result.runId()),
            MessageSpans.PHASE,
            result.phase().actionName(),
            MessageSpans.NODE,
            String.valueOf(result.node()),
            OUTCOME,
            String.valueOf(result.outcome())));
    // The run row is the lock that serialises everything done to one run (results, sweeper).
    RunEntity run = RunEntity.findById(result.runId(), LockModeType.PESSIMISTIC_WRITE);
    // All the run's steps in one query, before anything is changed: the decision needs them all,
    // and a query after the change would make Hibernate flush first (17 % of the coordinator's
    // CPU samples went to that query and its flush; docs/benchmarks.md).
    List<RunStepEntity> steps = run == null ? List.of() : run.steps();
    RunStepEntity step = stepAt(steps, result.step());
    if (run == null
        || step == null
        || !StepStatus.RUNNING.name().equals(step.status)
        || !result.commandId().equals(step.commandId)) {
      LOG.debugf(
          "ignoring result %s for command %s: not the step's current command",
          event.id(), result.commandId());
      return;
    }
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
    attempts.record(
        run,
        step,
        new AttemptRecorder.Attempt(
            outcome,
            result.up(),
            result.exitCode(),
            reason != null ? reason : result.message(),
            result.outputTail(),
            result.durationMs()),
        cause);
    if (outcome == StepOutcome.FAILED && StepStatus.PENDING.name().equals(step.status)) {
      startAgainBeforeTheCheck(steps, step, result.up());
    }
    engine.advance(run, steps, cause);
  }

  /**
   * A check that found a just-started service down is retried after its start runs again ({@link
   * RunDecider#startToRepeat}): a service that died right after its start is started again within
   * the run, at the check's retry time, instead of being checked until the run fails.
   */
  private void startAgainBeforeTheCheck(
      List<RunStepEntity> steps, RunStepEntity check, Boolean up) {
    int seq =
        decider.startToRepeat(
            steps.stream().map(StepRows::state).toList(), StepRows.planned(check), up);
    RunStepEntity start = seq < 0 ? null : stepAt(steps, seq);
    if (start == null) {
      return;
    }
    LOG.infof(
        "run %s: %s found %s down after its start; start runs again before the next check",
        check.id.runId, check.phase.toLowerCase(), check.node);
    start.status = StepStatus.PENDING.name();
    start.retryAt = check.retryAt;
    start.commandId = null;
    start.deadline = null;
  }

  private static RunStepEntity stepAt(List<RunStepEntity> steps, int seq) {
    return seq >= 0 && seq < steps.size() && steps.get(seq).id.seq == seq ? steps.get(seq) : null;
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
