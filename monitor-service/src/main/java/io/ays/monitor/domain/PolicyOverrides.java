package io.ays.monitor.domain;

import java.time.Duration;

/**
 * A template's own restart settings ({@code monitor.restart.*} in its {@code service.hrd}); null
 * fields keep the monitor's setting.
 */
public record PolicyOverrides(
    Duration initialDelay,
    Double multiplier,
    Duration maxDelay,
    Duration resetAfter,
    Integer maxRestarts) {

  public static final PolicyOverrides NONE = new PolicyOverrides(null, null, null, null, null);

  public boolean isEmpty() {
    return equals(NONE);
  }

  /**
   * {@code base} with these settings in place of its own.
   *
   * @throws IllegalArgumentException if the result is an impossible policy
   */
  public RestartPolicy over(RestartPolicy base) {
    return new RestartPolicy(
        initialDelay != null ? initialDelay : base.initialDelay(),
        multiplier != null ? multiplier : base.multiplier(),
        maxDelay != null ? maxDelay : base.maxDelay(),
        resetAfter != null ? resetAfter : base.resetAfter(),
        maxRestarts != null ? maxRestarts : base.maxRestarts());
  }
}
