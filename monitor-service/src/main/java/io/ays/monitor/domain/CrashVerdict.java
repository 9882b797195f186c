package io.ays.monitor.domain;

import java.time.Instant;

/**
 * What the monitor does about one DOWN report: nothing (and why), restart at a time, or give up.
 *
 * @param restartAt when to send the restart; only for {@link Kind#RESTART}
 * @param attempt the consecutive restart this would be (1 for the first), or the count given up at
 */
public record CrashVerdict(Kind kind, Instant restartAt, int attempt, String reason) {

  /** The three possible outcomes. */
  public enum Kind {
    IGNORE,
    RESTART,
    GIVE_UP
  }

  static CrashVerdict ignore(String reason) {
    return new CrashVerdict(Kind.IGNORE, null, 0, reason);
  }

  static CrashVerdict restart(Instant at, int attempt, String reason) {
    return new CrashVerdict(Kind.RESTART, at, attempt, reason);
  }

  static CrashVerdict giveUp(int attempts, String reason) {
    return new CrashVerdict(Kind.GIVE_UP, null, attempts, reason);
  }
}
