package io.ays.coordinator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the lifecycle-coordinator ({@code ays.coordinator.*}). */
@ConfigMapping(prefix = "ays.coordinator")
public interface CoordinatorConfig {

  /** The node id of the management location; also where instances live by default. */
  @WithDefault("local")
  String managementNode();

  /** How long one phase command may run before the executor kills it (default per phase). */
  @WithDefault("120s")
  Duration phaseTimeout();

  /** Extra time the executor gets for start, beyond the template's own timeout_start. */
  @WithDefault("30s")
  Duration startGrace();
}
