package io.ays.monitor.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstanceHealthEntityTest {

  private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

  @Test
  void aChangeIsAlwaysMarkedLaterThanTheOneBeforeItEvenWithAnOlderClockReading() {
    InstanceHealthEntity health = new InstanceHealthEntity();
    health.touch(T0);
    assertThat(health.updatedAt).isEqualTo(T0);

    // This change read the clock before the previous one committed (it waited for the lock).
    health.touch(T0.minusMillis(5));
    assertThat(health.updatedAt).isAfter(T0);

    health.touch(T0.plusSeconds(1));
    assertThat(health.updatedAt).isEqualTo(T0.plusSeconds(1));
  }
}
