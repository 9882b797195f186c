package io.ays.monitor.domain;

import java.time.Instant;

/** The outcome of {@link RestartPolicy#onCrash}: restart at a time, or give up with a reason. */
public record RestartDecision(boolean restart, Instant restartAt, int attempt, String reason) {

  static RestartDecision restartAt(Instant at, int attempt) {
    return new RestartDecision(true, at, attempt, "restart #" + attempt + " after a crash");
  }

  static RestartDecision giveUp(int attempts, String reason) {
    return new RestartDecision(false, null, attempts, reason);
  }
}
