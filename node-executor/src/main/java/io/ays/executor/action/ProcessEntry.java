package io.ays.executor.action;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@code process.N} entry of a resolved instance configuration, with the original AYS defaults
 * (prio 10, timeout_start 10 s).
 */
public record ProcessEntry(
    String name,
    String cmd,
    String args,
    String cwd,
    Map<String, String> env,
    int prio,
    Duration timeoutStart,
    Duration timeoutStop,
    List<Integer> ports,
    String filterstr) {

  /** The shell command line: cmd followed by args. */
  public String commandLine() {
    return args == null || args.isBlank() ? cmd : cmd + " " + args;
  }
}
