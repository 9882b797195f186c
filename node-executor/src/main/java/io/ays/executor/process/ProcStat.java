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

  /**
   * Whether the process runs: alive to the JDK and not a zombie. An executor that is a child
   * subreaper inherits the orphans of its services, and reaps them only by a periodic sweep.
   */
  public static boolean isRunning(ProcessHandle handle) {
    return handle.isAlive() && !isZombie(handle.pid());
  }

  /** Whether the process has ended and waits to be reaped (state {@code Z}). */
  public static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.startsWith("Z", stat.lastIndexOf(')') + 2);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

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
