package io.ays.contracts;

/** How one step of a run ended, as the coordinator reports it on {@code ays.service-events}. */
public enum StepOutcome {
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  REJECTED,
  /** The step's condition did not hold (e.g. {@code stop} when the service was not up). */
  SKIPPED;

  /** Whether the run may go past this step. */
  public boolean letsRunContinue() {
    return this == SUCCEEDED || this == SKIPPED;
  }

  /** The step outcome for an executor's phase outcome. */
  public static StepOutcome of(PhaseOutcome outcome) {
    return switch (outcome) {
      case SUCCEEDED -> SUCCEEDED;
      case FAILED -> FAILED;
      case TIMED_OUT -> TIMED_OUT;
      case REJECTED -> REJECTED;
    };
  }
}
