package io.ays.contracts;

/** How a run (the phase plan of one request for one instance) ended. */
public enum RunOutcome {
  SUCCEEDED,
  FAILED,
  /** An install whose template version and answers had not changed: nothing was run. */
  UP_TO_DATE;

  public boolean successful() {
    return this != FAILED;
  }
}
