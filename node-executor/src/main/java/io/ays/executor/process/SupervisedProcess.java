package io.ays.executor.process;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A process this executor started. The pid alone is never trusted: it is paired with the start time
 * the kernel reports ({@code /proc/<pid>/stat}, in clock ticks since boot), so that a recycled pid
 * is never mistaken for (or killed as) ours, also after the executor restarted.
 *
 * @param startTicks the kernel's start time of the process; -1 when /proc was not readable (the
 *     less exact {@code startedAt} is compared instead)
 * @param logFile where its output goes
 * @param cgroup the cgroup v2 folder that holds it and all it starts; null where there is none (the
 *     fallback, a container, or a record from before containment)
 */
public record SupervisedProcess(
    String instanceKey,
    String name,
    long pid,
    Instant startedAt,
    long startTicks,
    String logFile,
    String cgroup) {

  /** A process that no cgroup holds. */
  public SupervisedProcess(
      String instanceKey,
      String name,
      long pid,
      Instant startedAt,
      long startTicks,
      String logFile) {
    this(instanceKey, name, pid, startedAt, startTicks, logFile, null);
  }

  /** The main process's handle, if a process with this pid and this start time still runs. */
  public Optional<ProcessHandle> liveHandle() {
    return isMainAlive() ? ProcessHandle.of(pid) : Optional.empty();
  }

  /**
   * Whether the service runs: its main process, or once that has exited, a process it left in its
   * cgroup or session (a daemon that forked away, {@link ServiceTree}). The main process is checked
   * first, one read of /proc; the rest only when it has exited.
   */
  @JsonIgnore
  public boolean isAlive() {
    return isMainAlive() || ServiceTree.othersLeft(this);
  }

  /** The main process runs (not a zombie), with the same start time. */
  @JsonIgnore
  public boolean isMainAlive() {
    if (startTicks >= 0) {
      OptionalLong actual = ProcStat.runningStartTicks(pid);
      return actual.isPresent() && actual.getAsLong() == startTicks;
    }
    return ProcessHandle.of(pid).filter(ProcStat::isRunning).filter(this::sameStart).isPresent();
  }

  private boolean sameStart(ProcessHandle handle) {
    // The JDK reports start times rounded to clock ticks: allow for the rounding.
    return handle
        .info()
        .startInstant()
        .map(actual -> Math.abs(actual.toEpochMilli() - startedAt.toEpochMilli()) < 1000)
        .orElse(false);
  }
}
