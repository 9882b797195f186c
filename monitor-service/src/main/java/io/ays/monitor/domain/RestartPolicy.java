package io.ays.monitor.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When to restart a crashed instance, and when to give up.
 *
 * <p>Like Kubernetes' CrashLoopBackOff and systemd's start limit: the first restart of an incident
 * is immediate (a single crash costs only the service's start time), the second comes after {@code
 * initialDelay}, each further consecutive crash multiplies the delay up to {@code maxDelay}; an
 * instance that stayed up for {@code resetAfter} starts again as a fresh incident; after {@code
 * maxRestarts} consecutive restarts the monitor gives up and says so, instead of looping silently.
 */
public record RestartPolicy(
    Duration initialDelay,
    double multiplier,
    Duration maxDelay,
    Duration resetAfter,
    int maxRestarts) {

  /**
   * Defaults: at once, then 10 s doubling to 5 min, reset after 10 min up, give up after 10
   * restarts.
   */
  public static final RestartPolicy DEFAULT =
      new RestartPolicy(
          Duration.ofSeconds(10), 2.0, Duration.ofMinutes(5), Duration.ofMinutes(10), 10);

  public RestartPolicy {
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "restart delays must satisfy 0 <= initialDelay <= maxDelay");
    }
    if (multiplier < 1.0) {
      throw new IllegalArgumentException("restart multiplier must be >= 1, was " + multiplier);
    }
    if (maxRestarts < 1) {
      throw new IllegalArgumentException("maxRestarts must be >= 1, was " + maxRestarts);
    }
  }

  /**
   * Decides what to do about a crash observed at {@code crashedAt}.
   *
   * @param history the instance's restarts so far
   */
  public RestartDecision onCrash(RestartHistory history, Instant crashedAt) {
    int consecutive = history.consecutiveRestarts();
    if (history.upSince() != null
        && !Duration.between(history.upSince(), crashedAt).minus(resetAfter).isNegative()) {
      consecutive = 0; // it ran stably: this is a fresh incident, not part of a crash loop
    }
    if (consecutive >= maxRestarts) {
      return RestartDecision.giveUp(
          consecutive,
          "gave up after "
              + consecutive
              + " consecutive restarts (limit "
              + maxRestarts
              + "); the instance is FAILED until a person starts it again");
    }
    return RestartDecision.restartAt(crashedAt.plus(delayBefore(consecutive + 1)), consecutive + 1);
  }

  /**
   * The wait before the n-th consecutive restart (n starts at 1): none before the first, {@code
   * initialDelay} before the second, then {@code multiplier} times longer each time, at most {@code
   * maxDelay}.
   */
  public Duration delayBefore(int n) {
    if (n <= 1) {
      return Duration.ZERO;
    }
    double millis = initialDelay.toMillis() * Math.pow(multiplier, n - 2);
    return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
  }
}
