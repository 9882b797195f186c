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

  /**
   * How many attempts a phase gets by default (a template may set its own, {@code
   * lifecycle.attempts}); a failed or timed-out attempt is followed by another until they run out.
   */
  @WithDefault("3")
  int phaseAttempts();

  /** The wait before the second attempt of a phase; it doubles for each further attempt. */
  @WithDefault("2s")
  Duration retryBackoff();

  /** The longest wait between two attempts. */
  @WithDefault("60s")
  Duration retryBackoffMax();

  /**
   * How long past a command's own timeout the coordinator waits for its result before it takes the
   * node for silent and counts the attempt as timed out.
   */
  @WithDefault("15s")
  Duration resultGrace();

  /** How often the sweeper looks for timed-out commands, due retries and runs to re-decide. */
  @WithDefault("1s")
  Duration sweepInterval();
}
