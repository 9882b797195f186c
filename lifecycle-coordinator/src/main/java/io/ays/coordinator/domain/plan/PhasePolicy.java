package io.ays.coordinator.domain.plan;

import java.time.Duration;

/**
 * How a phase is run: how many attempts it gets, how long one attempt may take, and how long to
 * wait before the next attempt (doubled after each failure, up to {@code maxBackoff}).
 */
public record PhasePolicy(int attempts, Duration timeout, Duration backoff, Duration maxBackoff) {

  /** The wait before attempt {@code failedAttempt + 1}. */
  public Duration backoffAfter(int failedAttempt) {
    Duration wait = backoff;
    for (int i = 1; i < failedAttempt && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  /** Whether an attempt that failed may be followed by another. */
  public boolean allowsAnotherAfter(int attempt) {
    return attempt < attempts;
  }
}
