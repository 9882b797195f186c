package io.ays.executor.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * All the processes of one supervised service, however it forked: those in its cgroup when it has
 * one, else its descendants and the members of its session ({@link SessionMembers}, the fallback).
 * What stop signals, halt kills and "does it still run" counts.
 */
final class ServiceTree {

  private static final long WAIT_POLL_MILLIS = 20;

  private ServiceTree() {}

  /** Whether a process other than the main one is left: a daemon it forked, or a straggler. */
  static boolean othersLeft(SupervisedProcess process) {
    if (process.cgroup() != null) {
      return Cgroup.isPopulated(Path.of(process.cgroup()));
    }
    return !SessionMembers.of(process).isEmpty();
  }

  /**
   * Sends SIGTERM ({@code kill} false) or SIGKILL to every process of the service, its main process
   * first (signalled after its children, a parent could start them again).
   *
   * @return the processes signalled, to wait for (a cgroup is also waited for until it is empty)
   */
  static List<ProcessHandle> signal(SupervisedProcess process, boolean kill) {
    if (process.cgroup() != null) {
      Path cgroup = Path.of(process.cgroup());
      // Its processes leave cgroup.procs a moment before they are really gone: wait for them too.
      List<ProcessHandle> members = new ArrayList<>();
      Cgroup.pids(cgroup).forEach(pid -> ProcessHandle.of(pid).ifPresent(members::add));
      if (kill) {
        Cgroup.kill(cgroup);
      } else {
        process.liveHandle().ifPresent(ProcessHandle::destroy);
        Cgroup.terminate(cgroup);
      }
      return members;
    }
    Set<ProcessHandle> targets = new LinkedHashSet<>();
    process
        .liveHandle()
        .ifPresent(
            root -> {
              targets.add(root);
              root.descendants().forEach(targets::add);
            });
    SessionMembers.of(process).forEach(pid -> ProcessHandle.of(pid).ifPresent(targets::add));
    for (ProcessHandle handle : targets) {
      if (kill) {
        handle.destroyForcibly();
      } else {
        handle.destroy();
      }
    }
    return new ArrayList<>(targets);
  }

  /** Removes the service's cgroup once it is empty; true if none is left. */
  static boolean release(SupervisedProcess process) {
    return process.cgroup() == null || Cgroup.removeIfEmpty(Path.of(process.cgroup()));
  }

  /** Waits until neither the services nor the processes signalled one by one run any more. */
  static boolean awaitEnd(
      List<SupervisedProcess> services, List<ProcessHandle> signalled, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (services.stream().anyMatch(SupervisedProcess::isAlive)
        || signalled.stream().anyMatch(ProcStat::isRunning)) {
      if (System.nanoTime() > deadline || !pause()) {
        return false;
      }
    }
    return true;
  }

  /** Waits until the cgroup is empty, or the timeout. */
  static void awaitEmpty(Path cgroup, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (Cgroup.isPopulated(cgroup) && System.nanoTime() < deadline && pause()) {
      // polled: the kernel's cgroup.events can be watched, but an end takes milliseconds
    }
  }

  private static boolean pause() {
    try {
      Thread.sleep(WAIT_POLL_MILLIS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
