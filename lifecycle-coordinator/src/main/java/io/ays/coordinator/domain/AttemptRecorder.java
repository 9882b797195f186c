package io.ays.coordinator.domain;

import io.ays.contracts.EventType;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.Phase;
import io.ays.contracts.StepFinished;
import io.ays.contracts.StepOutcome;
import io.ays.coordinator.domain.plan.PhasePolicy;
import io.ays.coordinator.domain.plan.StepStatus;
import io.ays.coordinator.metrics.CoordinatorMetrics;
import io.ays.coordinator.persistence.RunEntity;
import io.ays.coordinator.persistence.RunStepEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Records how an attempt of a step ended (a result, or the sweeper's timeout) and announces it. A
 * failed attempt with attempts left puts the step back to PENDING with the time of its next attempt
 * (backoff doubling per failure); otherwise the step takes the attempt's outcome. The caller then
 * advances the run.
 */
@ApplicationScoped
public class AttemptRecorder {

  private final ServiceEvents events;
  private final PhasePolicyBook policies;
  private final SecretValues json;
  private final CoordinatorMetrics metrics;
  private final Clock clock;

  public AttemptRecorder(
      ServiceEvents events,
      PhasePolicyBook policies,
      SecretValues json,
      CoordinatorMetrics metrics,
      Clock clock) {
    this.events = events;
    this.policies = policies;
    this.json = json;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** What an attempt produced. */
  public record Attempt(
      StepOutcome outcome,
      Boolean up,
      Integer exitCode,
      String reason,
      String outputTail,
      long durationMs) {}

  @Transactional(Transactional.TxType.MANDATORY)
  public void record(RunEntity run, RunStepEntity step, Attempt attempt, Cause cause) {
    Instant now = Instant.now(clock);
    boolean retry = !attempt.outcome().letsRunContinue() && step.attempt < step.maxAttempts;
    if (retry) {
      PhasePolicy policy =
          policies.of(json.openJson(run.resolvedConfig), Phase.valueOf(step.phase));
      step.status = StepStatus.PENDING.name();
      step.retryAt = now.plus(policy.backoffAfter(step.attempt));
      step.commandId = null; // a late result of this attempt must not count
    } else {
      step.status =
          attempt.outcome().letsRunContinue()
              ? StepStatus.SUCCEEDED.name()
              : StepStatus.FAILED.name();
      step.retryAt = null;
    }
    step.deadline = null;
    step.reason = attempt.outcome().letsRunContinue() ? null : attempt.reason();
    step.up = attempt.up();
    step.exitCode = attempt.exitCode();
    step.outputTail = attempt.outputTail();
    step.finishedAt = now;
    metrics.phaseAttempt(
        Phase.valueOf(step.phase),
        attempt.outcome(),
        Duration.ofMillis(Math.max(0, attempt.durationMs())));
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
            attempt.outcome(),
            attempt.up(),
            attempt.exitCode(),
            attempt.reason(),
            attempt.outputTail(),
            attempt.durationMs(),
            retry));
  }
}
