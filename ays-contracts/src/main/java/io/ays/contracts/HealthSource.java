package io.ays.contracts;

/** What produced a health report. */
public enum HealthSource {
  /** A supervised process exited; reported at once. */
  PROCESS_EXIT,
  /** The periodic {@code monitor} action. */
  MONITOR,
  /** A {@code check_up}/{@code check_down} run as part of a phase plan. */
  CHECK
}
