package io.ays.executor.process;

import java.nio.file.Path;
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
}
