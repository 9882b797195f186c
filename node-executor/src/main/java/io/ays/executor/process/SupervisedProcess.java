package io.ays.executor.process;

import java.time.Instant;
import java.util.Optional;

/**
 * A process this executor started. The pid alone is never trusted: it is paired with the start time
 * the kernel reports, so that a recycled pid is never mistaken for (or killed as) ours.
 */
public record SupervisedProcess(String instanceKey, String name, long pid, Instant startedAt) {

  /** The live handle, if a process with this pid and this start time still runs. */
  public Optional<ProcessHandle> liveHandle() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(handle -> handle.info().startInstant().map(this::sameStart).orElse(false));
  }

  public boolean isAlive() {
    return liveHandle().isPresent();
  }

  private boolean sameStart(Instant actual) {
    // The kernel reports start times in clock ticks: allow for the rounding.
    return Math.abs(actual.toEpochMilli() - startedAt.toEpochMilli()) < 1000;
  }
}
