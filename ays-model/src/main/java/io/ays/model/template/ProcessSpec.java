package io.ays.model.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A {@code process.N} entry with the original defaults: prio 10, timeout_start 10 s, timeout_stop
 * 10 s (the original ignored timeout_stop; AYS honours it).
 */
public record ProcessSpec(
    String key,
    String cmd,
    String args,
    String cwd,
    Map<String, String> env,
    int prio,
    Duration timeoutStart,
    Duration timeoutStop,
    List<Integer> ports,
    String filterstr,
    String startupManager,
    String name,
    String user) {

  public static final int DEFAULT_PRIO = 10;
  public static final Duration DEFAULT_TIMEOUT_START = Duration.ofSeconds(10);
  public static final Duration DEFAULT_TIMEOUT_STOP = Duration.ofSeconds(10);

  /** Whether AYS starts this process itself (it has a command). */
  public boolean startedByAys() {
    return cmd != null;
  }
}
