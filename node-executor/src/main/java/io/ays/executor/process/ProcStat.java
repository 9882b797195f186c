package io.ays.executor.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads a process's start time from {@code /proc/<pid>/stat} (field 22, clock ticks since boot):
 * exact and stable for the life of the process, so that a pid and its start time name one process
 * even across restarts of the executor, and a recycled pid never passes for ours.
 */
public final class ProcStat {

  private static final int STARTTIME_AFTER_COMM = 19; // field 22, counted from field 3

  private ProcStat() {}

  /** The start time in clock ticks, or empty if the process is gone or /proc is unavailable. */
  public static OptionalLong startTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) is in parentheses and may itself hold spaces and ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return OptionalLong.of(Long.parseLong(fields[STARTTIME_AFTER_COMM]));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
