package io.ays.contracts;

/** How a node-executor ended one phase command. */
public enum PhaseOutcome {
  /** The action ran and succeeded (a check that answered "down" still succeeded). */
  SUCCEEDED,
  /** The action ran and failed (non-zero exit, exception, ports never opened). */
  FAILED,
  /** The action did not finish within the command's timeout and was killed. */
  TIMED_OUT,
  /** The executor refused to run it (past its deadline, unknown template version, wrong node). */
  REJECTED;

  public boolean successful() {
    return this == SUCCEEDED;
  }

  /** Whether running the same command again may help; a refusal would only be refused again. */
  public boolean retriable() {
    return this == FAILED || this == TIMED_OUT;
  }
}
