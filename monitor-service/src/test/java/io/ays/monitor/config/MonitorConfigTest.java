package io.ays.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.monitor.domain.RestartPolicy;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitorConfigTest {

  private static MonitorConfig load(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withConverter(Duration.class, 200, new DurationConverter())
            .withSources(new MapBackedConfigSource("test", properties) {})
            .withMapping(MonitorConfig.class)
            .build();
    return config.getConfigMapping(MonitorConfig.class);
  }

  @Test
  void defaultsAreTheDocumentedRestartPolicy() {
    MonitorConfig config = load(Map.of());

    assertThat(RestartPolicyProducer.of(config.restart())).isEqualTo(RestartPolicy.DEFAULT);
    assertThat(config.restart().pollInterval()).isEqualTo(Duration.ofMillis(200));
    // Like Kubernetes' CrashLoopBackOff: 10 s doubling to 5 minutes, reset after 10 minutes up.
    assertThat(RestartPolicy.DEFAULT)
        .isEqualTo(
            new RestartPolicy(
                Duration.ofSeconds(10), 2.0, Duration.ofMinutes(5), Duration.ofMinutes(10), 10));
    assertThat(config.health().reportTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(config.nodes().missedHeartbeats()).isEqualTo(3);
  }

  @Test
  void readsEveryRestartSetting() {
    MonitorConfig config =
        load(
            Map.of(
                "ays.monitor.restart.initial-delay", "500ms",
                "ays.monitor.restart.multiplier", "3",
                "ays.monitor.restart.max-delay", "1m",
                "ays.monitor.restart.reset-after", "PT30M",
                "ays.monitor.restart.max-restarts", "4"));

    assertThat(RestartPolicyProducer.of(config.restart()))
        .isEqualTo(
            new RestartPolicy(
                Duration.ofMillis(500), 3.0, Duration.ofMinutes(1), Duration.ofMinutes(30), 4));
  }
}
