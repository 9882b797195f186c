package io.ays.executor.action;

import io.ays.contracts.PhaseOutcome;

/** What an action reports back, before it becomes a {@code PhaseResult}. */
public record ActionOutcome(
    PhaseOutcome outcome, Integer exitCode, Boolean up, String message, String outputTail) {

  public static ActionOutcome done(String message) {
    return new ActionOutcome(PhaseOutcome.SUCCEEDED, null, null, message, null);
  }

  public static ActionOutcome checked(boolean up, String message) {
    return new ActionOutcome(PhaseOutcome.SUCCEEDED, null, up, message, null);
  }

  public static ActionOutcome failed(Integer exitCode, String message, String outputTail) {
    return new ActionOutcome(PhaseOutcome.FAILED, exitCode, null, message, outputTail);
  }

  public static ActionOutcome timedOut(String message, String outputTail) {
    return new ActionOutcome(PhaseOutcome.TIMED_OUT, null, null, message, outputTail);
  }
}
