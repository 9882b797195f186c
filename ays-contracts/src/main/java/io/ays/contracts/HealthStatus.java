package io.ays.contracts;

/** The health of an instance as last observed. */
public enum HealthStatus {
  UP,
  /** Running but not fully well (e.g. one of several processes down, a port closed). */
  DEGRADED,
  DOWN,
  /** Could not be determined (check errored, node unreachable). */
  UNKNOWN;

  /** Whether the monitor's restart policy should consider acting. */
  public boolean needsAttention() {
    return this == DOWN;
  }
}
