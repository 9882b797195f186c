package io.ays.monitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the monitor ({@code ays.monitor.*}); see docs/monitor.md. */
@ConfigMapping(prefix = "ays.monitor")
public interface MonitorConfig {

  Restart restart();

  Health health();

  Nodes nodes();

  /** When an instance's health counts as unknown. */
  interface Health {

    /**
     * An instance last seen UP or DEGRADED with no report for this long is UNKNOWN. Executors
     * report every running instance every 10 s by default; DOWN stays DOWN (a crashed instance is
     * not reported again).
     */
    @WithDefault("45s")
    Duration reportTimeout();

    /** How often silent nodes and instances without reports are looked for. */
    @WithDefault("5s")
    Duration sweepInterval();
  }

  /** When a node counts as silent. */
  interface Nodes {

    /** A node is silent after this many of its own heartbeat intervals without a heartbeat. */
    @WithDefault("3")
    int missedHeartbeats();
  }

  /** The restart policy (defaults equal {@code RestartPolicy.DEFAULT}) and its scheduler. */
  interface Restart {

    /** The wait before the first restart of a crash loop (Kubernetes' CrashLoopBackOff: 10 s). */
    @WithDefault("10s")
    Duration initialDelay();

    /** Each further consecutive restart waits this many times longer. */
    @WithDefault("2.0")
    double multiplier();

    /** The longest wait between restarts. */
    @WithDefault("5m")
    Duration maxDelay();

    /** An instance up this long counts as stable: its next crash starts a new count. */
    @WithDefault("10m")
    Duration resetAfter();

    /** Consecutive restarts after which the monitor gives up and marks the instance FAILED. */
    @WithDefault("10")
    int maxRestarts();

    /** How often due restarts are looked for in the database. */
    @WithDefault("200ms")
    Duration pollInterval();
  }
}
