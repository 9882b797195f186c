package io.ays.monitor.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ays.contracts.TemplateDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatePolicyReaderTest {

  private static final String HASH =
      "9f2c4e1a7b3d5f60812a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d";

  private static TemplateDefinition template(String serviceHrd) {
    return new TemplateDefinition(
        "_ays", "mongodb", HASH, null, null, Map.of(), serviceHrd, null, Instant.EPOCH);
  }

  @Test
  void readsEverySettingAndLeavesTheRestToTheMonitor() {
    PolicyOverrides overrides =
        TemplatePolicyReader.read(
            template(
                "monitor.restart.initial_delay = 30s\n"
                    + "monitor.restart.multiplier = 3\n"
                    + "monitor.restart.max_delay = PT10M\n"
                    + "monitor.restart.max_restarts = 4\n"));

    assertThat(overrides)
        .isEqualTo(
            new PolicyOverrides(Duration.ofSeconds(30), 3.0, Duration.ofMinutes(10), null, 4));
    assertThat(overrides.over(RestartPolicy.DEFAULT))
        .isEqualTo(
            new RestartPolicy(
                Duration.ofSeconds(30), 3.0, Duration.ofMinutes(10), Duration.ofMinutes(10), 4));
    assertThat(TemplatePolicyReader.read(template("description = 'db'\n")).isEmpty()).isTrue();
  }

  @Test
  void aBadOrUnknownSettingNamesTheTemplateLineAndKey() {
    assertThatThrownBy(
            () ->
                TemplatePolicyReader.read(
                    template("description = 'db'\nmonitor.restart.max_delay = soon\n")))
        .hasMessage(
            "_ays/mongodb/service.hrd line 2: monitor.restart.max_delay: 'soon' is not a duration"
                + " such as 30s, 5m or PT10M");
    assertThatThrownBy(() -> TemplatePolicyReader.read(template("monitor.restart.retries = 3\n")))
        .hasMessageStartingWith("_ays/mongodb/service.hrd line 1: monitor.restart.retries:")
        .hasMessageContaining("unknown setting");
  }
}
