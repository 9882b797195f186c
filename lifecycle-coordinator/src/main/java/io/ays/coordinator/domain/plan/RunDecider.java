package io.ays.coordinator.domain.plan;

import io.ays.contracts.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides the next move of a run from the state of its steps. Pure: no I/O, no clock; the
 * coordinator persists and sends what it decides (conductor's decide/apply split), so a crash
 * between the two is recovered by deciding again from the stored state.
 */
public final class RunDecider {

  /** Decides without regard to retry times (every pending step is due). */
  public Decision decide(List<StepState> states) {
    return decide(states, null);
  }

  /**
   * Decides the next move at time {@code now}: a pending step whose retry is not due yet makes the
   * run wait.
   */
  public Decision decide(List<StepState> states, Instant now) {
    List<PlannedStep> skipped = new ArrayList<>();
    for (StepState state : states) {
      switch (state.status()) {
        case SUCCEEDED, SKIPPED -> {}
        case FAILED -> {
          return new Decision.Fail(state.step(), state.reason(), List.copyOf(skipped));
        }
        case RUNNING -> {
          return new Decision.Wait(state.step(), List.copyOf(skipped));
        }
        case PENDING -> {
          if (conditionHolds(state.step(), latestAnswer(states, state.step()))) {
            if (now != null && state.notBefore() != null && state.notBefore().isAfter(now)) {
              return new Decision.Wait(state.step(), List.copyOf(skipped));
            }
            return new Decision.Dispatch(state.step(), List.copyOf(skipped));
          }
          skipped.add(state.step());
        }
      }
    }
    return new Decision.Succeed(List.copyOf(skipped));
  }

  /**
   * Judges a check step's answer against what the plan expects of it.
   *
   * @return null if it meets the expectation, else the reason it fails the step
   */
  public String judgeCheck(PlannedStep step, Boolean up) {
    return switch (step.expect()) {
      case NONE -> null;
      case UP ->
          Boolean.FALSE.equals(up)
              ? step.phase().actionName() + " on " + step.node() + ": the service is not up"
              : null;
      case DOWN ->
          Boolean.TRUE.equals(up)
              ? step.phase().actionName()
                  + " on "
                  + step.node()
                  + ": the service is still running after halt"
              : null;
    };
  }

  /**
   * The start step to run again before {@code check} is retried, if {@code check} expects the
   * service up, found it down ({@code up} false) and directly follows a start on the same node and
   * role that succeeded: the service was started and is not running, so it died (or never came up)
   * after its start, and checking again without starting it again would only confirm that. Like
   * systemd's {@code Restart=on-failure} during start-up, bounded by the check's attempts. A start
   * of a service that is up after all answers "already up", so a slow start loses nothing.
   *
   * @return the start step's sequence number, or -1 if nothing is to run again
   */
  public int startToRepeat(List<StepState> states, PlannedStep check, Boolean up) {
    if (check.expect() != CheckExpectation.UP || !Boolean.FALSE.equals(up) || check.seq() == 0) {
      return -1;
    }
    for (StepState state : states) {
      PlannedStep before = state.step();
      if (before.seq() == check.seq() - 1) {
        boolean startedHere =
            before.phase() == Phase.START
                && before.node().equals(check.node())
                && before.role() == check.role()
                && state.status() == StepStatus.SUCCEEDED;
        return startedHere ? before.seq() : -1;
      }
    }
    return -1;
  }

  private static boolean conditionHolds(PlannedStep step, Boolean latestUp) {
    return switch (step.when()) {
      case ALWAYS -> true;
      case IF_UP -> Boolean.TRUE.equals(latestUp);
      case IF_DOWN -> !Boolean.TRUE.equals(latestUp);
    };
  }

  /** The answer of the latest completed check on the same node and role before {@code step}. */
  private static Boolean latestAnswer(List<StepState> states, PlannedStep step) {
    Boolean answer = null;
    for (StepState state : states) {
      if (state.step().seq() >= step.seq()) {
        break;
      }
      PlannedStep earlier = state.step();
      if (earlier.isCheck()
          && state.status() == StepStatus.SUCCEEDED
          && earlier.node().equals(step.node())
          && earlier.role() == step.role()) {
        answer = state.up();
      }
    }
    return answer;
  }
}
