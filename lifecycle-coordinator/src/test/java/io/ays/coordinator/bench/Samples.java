package io.ays.coordinator.bench;

import java.util.Arrays;

/** Durations in nanoseconds, kept to report percentiles. Thread-safe. */
final class Samples {

  private long[] values = new long[1024];
  private int size;

  synchronized void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  synchronized int size() {
    return size;
  }

  /** The {@code p}-th percentile (0-100) in milliseconds, or NaN without samples. */
  synchronized double percentileMillis(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * size) - 1;
    return sorted[Math.max(0, Math.min(size - 1, index))] / 1_000_000.0;
  }

  String summary() {
    return String.format(
        "n=%d p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms",
        size(),
        percentileMillis(50),
        percentileMillis(90),
        percentileMillis(99),
        percentileMillis(100));
  }
}
