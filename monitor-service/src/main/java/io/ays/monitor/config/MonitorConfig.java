package io.ays.monitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the monitor ({@code ays.monitor.*}); restart defaults as RestartPolicy.DEFAULT. */
@ConfigMapping(prefix = "ays.monitor")
public interface MonitorConfig {

  Restart restart();

  /** How often due restarts are looked for. */
  @WithDefault("200ms")
  Duration dispatchInterval();

  /** The restart policy: exponential backoff with a cap, a reset, and a limit. */
  interface Restart {
    @WithDefault("1s")
    Duration initialDelay();

    @WithDefault("2.0")
    double multiplier();

    @WithDefault("5m")
    Duration maxDelay();

    @WithDefault("10m")
    Duration resetAfter();

    @WithDefault("10")
    int maxRestarts();
  }
}
