package io.ays.executor.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
   * Whether the process runs: not gone and not a zombie. An executor that is a child subreaper
   * inherits the orphans of its services, and reaps them only by a periodic sweep.
   */
  public static boolean isRunning(ProcessHandle handle) {
    Optional<String[]> fields = fields(handle.pid());
    return fields.isPresent() ? !isZombie(fields.get()) : handle.isAlive();
  }

  /** Whether the process has ended and waits to be reaped (state {@code Z}). */
  public static boolean isZombie(long pid) {
    return fields(pid).map(ProcStat::isZombie).orElse(false);
  }

  /** The start time in clock ticks, or empty if the process is gone or /proc is unavailable. */
  public static OptionalLong startTicks(long pid) {
    return fields(pid).map(ProcStat::startTicks).orElse(OptionalLong.empty());
  }

  /**
   * The start time of a process that runs (not a zombie), from one read of /proc: what a liveness
   * check of a supervised process needs, done every monitor round for each of them.
   */
  public static OptionalLong runningStartTicks(long pid) {
    return fields(pid)
        .filter(f -> !isZombie(f))
        .map(ProcStat::startTicks)
        .orElse(OptionalLong.empty());
  }

  /** The parent's pid (field 4), or empty if the process is gone or /proc is unavailable. */
  public static OptionalLong parentPid(long pid) {
    return fields(pid)
        .map(
            f -> {
              try {
                return OptionalLong.of(Long.parseLong(f[1]));
              } catch (RuntimeException e) {
                return OptionalLong.empty();
              }
            })
        .orElse(OptionalLong.empty());
  }

  /**
   * The session id (field 6) of a process that runs (not a zombie), or empty if it is gone or /proc
   * is unavailable.
   */
  public static OptionalLong runningSessionId(long pid) {
    return fields(pid)
        .filter(f -> !isZombie(f))
        .map(
            f -> {
              try {
                return OptionalLong.of(Long.parseLong(f[3]));
              } catch (RuntimeException e) {
                return OptionalLong.empty();
              }
            })
        .orElse(OptionalLong.empty());
  }

  /** State {@code Z}: ended, waiting to be reaped. */
  private static boolean isZombie(String[] fields) {
    return fields[0].equals("Z");
  }

  private static OptionalLong startTicks(String[] fields) {
    try {
      return OptionalLong.of(Long.parseLong(fields[STARTTIME_AFTER_COMM]));
    } catch (RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** The fields after the command name, from field 3 (the state) on. */
  private static Optional<String[]> fields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) is in parentheses and may itself hold spaces and ')'.
      return Optional.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
