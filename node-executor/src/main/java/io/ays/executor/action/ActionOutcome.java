package io.ays.executor.action;

import io.ays.contracts.PhaseOutcome;

/**
 * What an action reports back, before it becomes a {@code PhaseResult}.
 *
 * @param degraded a monitor's answer: running, but not well ({@code message} says why)
 */
public record ActionOutcome(
    PhaseOutcome outcome,
    Integer exitCode,
    Boolean up,
    String message,
    String outputTail,
    boolean degraded) {

  public ActionOutcome(
      PhaseOutcome outcome, Integer exitCode, Boolean up, String message, String outputTail) {
    this(outcome, exitCode, up, message, outputTail, false);
  }

  public static ActionOutcome done(String message) {
    return new ActionOutcome(PhaseOutcome.SUCCEEDED, null, null, message, null);
  }

  public static ActionOutcome checked(boolean up, String message) {
    return new ActionOutcome(PhaseOutcome.SUCCEEDED, null, up, message, null);
  }

  /** A monitor's "up, but not well", with the reason. */
  public static ActionOutcome degraded(String reason) {
    return new ActionOutcome(PhaseOutcome.SUCCEEDED, null, true, reason, null, true);
  }

  public static ActionOutcome failed(Integer exitCode, String message, String outputTail) {
    return new ActionOutcome(PhaseOutcome.FAILED, exitCode, null, message, outputTail);
  }

  public static ActionOutcome timedOut(String message, String outputTail) {
    return new ActionOutcome(PhaseOutcome.TIMED_OUT, null, null, message, outputTail);
  }
}
