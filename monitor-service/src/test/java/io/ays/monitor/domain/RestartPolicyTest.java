package io.ays.monitor.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

  private final RestartPolicy policy =
      new RestartPolicy(
          Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), Duration.ofMinutes(10), 5);
  private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void firstCrashIsRestartedAtOnce() {
    RestartDecision decision = policy.onCrash(RestartHistory.NONE, t0);
    assertThat(decision.restart()).isTrue();
    assertThat(decision.restartAt()).isEqualTo(t0);
    assertThat(decision.attempt()).isEqualTo(1);
  }

  @Test
  void delayDoublesForConsecutiveCrashesUpToTheCap() {
    assertThat(policy.delayBefore(1)).isEqualTo(Duration.ZERO);
    assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.delayBefore(4)).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy.delayBefore(6)).isEqualTo(Duration.ofSeconds(16));
    assertThat(policy.delayBefore(7)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.delayBefore(60)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aCrashLoopIsGivenUpAfterTheLimitWithAReason() {
    RestartDecision decision = policy.onCrash(new RestartHistory(5, t0), t0.plusSeconds(20));
    assertThat(decision.restart()).isFalse();
    assertThat(decision.reason()).contains("gave up after 5 consecutive restarts");
  }

  @Test
  void aStablePeriodResetsTheBackoff() {
    RestartHistory longUp = new RestartHistory(5, t0);
    RestartDecision decision = policy.onCrash(longUp, t0.plus(Duration.ofMinutes(11)));
    assertThat(decision.restart()).isTrue();
    assertThat(decision.attempt()).isEqualTo(1);
    assertThat(decision.restartAt()).isEqualTo(t0.plus(Duration.ofMinutes(11)));
  }

  @Test
  void rejectsAPolicyThatCouldNeverRestart() {
    assertThatThrownBy(
            () ->
                new RestartPolicy(
                    Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1), Duration.ZERO, 0))
        .hasMessageContaining("maxRestarts");
  }
}
