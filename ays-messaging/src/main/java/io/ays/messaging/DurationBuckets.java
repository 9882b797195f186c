package io.ays.messaging;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * The bucket bounds of every AYS duration histogram: 18 fixed bounds from 5 ms to an hour.
 * Micrometer's own percentile histogram would publish about 70 buckets per series, for each phase
 * and outcome; these few keep the series count small and cover what a phase, a run or a sync takes.
 */
public final class DurationBuckets {

  private static final Duration[] ALL =
      Stream.of(
              "PT0.005S",
              "PT0.01S",
              "PT0.025S",
              "PT0.05S",
              "PT0.1S",
              "PT0.25S",
              "PT0.5S",
              "PT1S",
              "PT2.5S",
              "PT5S",
              "PT10S",
              "PT30S",
              "PT1M",
              "PT2M",
              "PT5M",
              "PT10M",
              "PT30M",
              "PT1H")
          .map(Duration::parse)
          .toArray(Duration[]::new);

  private DurationBuckets() {}

  /** The bounds up to {@code max}. */
  public static Duration[] upTo(Duration max) {
    return Stream.of(ALL).filter(bound -> bound.compareTo(max) <= 0).toArray(Duration[]::new);
  }
}
