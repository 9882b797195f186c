package io.ays.coordinator.domain.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.Phase;
import io.ays.contracts.Problem;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhasePoliciesTest {

  private final PhasePolicies policies =
      new PhasePolicies(
          new PhasePolicy(
              3, Duration.ofSeconds(120), Duration.ofSeconds(2), Duration.ofSeconds(60)));

  @Test
  void aPhaseSettingBeatsTheTemplateSettingWhichBeatsTheDefault() {
    Map<String, Object> config =
        Map.of(
            "service.lifecycle.attempts", "5",
            "service.lifecycle.timeout", "30s",
            "service.lifecycle.start.timeout", 300,
            "service.lifecycle.check_up.attempts", "1");
    PhasePolicy start = policies.of(config, Phase.START);
    assertThat(start.attempts()).isEqualTo(5);
    assertThat(start.timeout()).isEqualTo(Duration.ofSeconds(300));
    assertThat(start.backoff()).isEqualTo(Duration.ofSeconds(2));
    assertThat(policies.of(config, Phase.CHECK_UP).attempts()).isEqualTo(1);
    assertThat(policies.of(config, Phase.INIT).timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(policies.of(Map.of(), Phase.INIT).attempts()).isEqualTo(3);
    assertThat(policies.problems(config)).isEmpty();
  }

  @Test
  void backoffDoublesUpToItsCap() {
    PhasePolicy policy =
        new PhasePolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(10));
    assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofSeconds(8));
    assertThat(policy.backoffAfter(4)).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.backoffAfter(9)).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.allowsAnotherAfter(9)).isTrue();
    assertThat(policy.allowsAnotherAfter(10)).isFalse();
  }

  @Test
  void durationsTakeUnitsAndBareNumbersAreSeconds() {
    assertThat(policies.of(Map.of("service.lifecycle.timeout", "500ms"), Phase.STOP).timeout())
        .isEqualTo(Duration.ofMillis(500));
    assertThat(policies.of(Map.of("service.lifecycle.timeout", "2m"), Phase.STOP).timeout())
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(policies.of(Map.of("service.lifecycle.timeout", 45), Phase.STOP).timeout())
        .isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void theMonitorTimeoutIsBoundedAndTheTooLongOneIsNamed() {
    assertThat(policies.problems(Map.of("service.lifecycle.monitor.timeout", "5m"))).isEmpty();
    assertThat(policies.problems(Map.of("service.lifecycle.monitor.timeout", "6m")))
        .containsExactly(
            new Problem(
                "lifecycle.monitor.timeout",
                "at most 5m (the health check runs every few seconds), got '6m'"));
    // an invalid one is named once, as any other duration
    assertThat(policies.problems(Map.of("service.lifecycle.monitor.timeout", "soon")))
        .extracting(Problem::field)
        .containsExactly("lifecycle.monitor.timeout");
  }

  @Test
  void everyInvalidSettingIsNamed() {
    assertThat(
            policies.problems(
                Map.of(
                    "service.lifecycle.attempts", "0",
                    "service.lifecycle.stop.timeout", "soon",
                    "service.lifecycle.strat.timeout", "5",
                    "service.lifecycle.start.retries", "5")))
        .containsExactlyInAnyOrder(
            new Problem(
                "lifecycle.attempts", "expected a number of attempts from 1 to 100, got '0'"),
            new Problem(
                "lifecycle.stop.timeout",
                "expected a duration such as 30 (seconds), 500ms, 30s or 2m, got 'soon'"),
            new Problem(
                "lifecycle.strat.timeout",
                "unknown lifecycle setting; expected lifecycle[.<phase>].attempts, .timeout or"
                    + " .backoff"),
            new Problem(
                "lifecycle.start.retries",
                "unknown lifecycle setting; expected lifecycle[.<phase>].attempts, .timeout or"
                    + " .backoff"));
  }
}
