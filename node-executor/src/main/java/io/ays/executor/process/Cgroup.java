package io.ays.executor.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One cgroup v2 folder that holds one supervised service and everything it starts: a process can
 * leave it only by being moved by someone allowed to write to another cgroup (root), so a daemon
 * that double-forks or calls setsid is still found here. Plain file operations on the cgroup2 file
 * system, no process spawned.
 */
final class Cgroup {

  private static final int KILL_ROUNDS = 50;

  private Cgroup() {}

  /**
   * The shell line that moves the shell running it into {@code cgroup} before it runs anything
   * else, so that no process of the service starts outside; a shell that cannot enter exits 125
   * with the reason in the service's log.
   */
  static String enterLine(Path cgroup) {
    String procs = cgroup.resolve("cgroup.procs").toString().replace("'", "'\\''");
    return "echo $$ >'" + procs + "' || exit 125; ";
  }

  /** The pids in the cgroup now; empty when it is empty or gone. */
  static List<Long> pids(Path cgroup) {
    List<Long> pids = new ArrayList<>();
    try {
      for (String line :
          Files.readString(cgroup.resolve("cgroup.procs"), StandardCharsets.US_ASCII).split("\n")) {
        if (!line.isBlank()) {
          pids.add(Long.parseLong(line.trim()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Gone (removed), or unreadable: nothing of the service can be found here.
    }
    return pids;
  }

  /** Whether any process is left in the cgroup (ended processes leave it as they exit). */
  static boolean isPopulated(Path cgroup) {
    return !pids(cgroup).isEmpty();
  }

  /** Sends SIGTERM to every process in the cgroup. */
  static void terminate(Path cgroup) {
    pids(cgroup).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
  }

  /**
   * Kills every process in the cgroup at once with {@code cgroup.kill} (Linux 5.14 and later), so
   * none can fork away meanwhile; on older kernels SIGKILLs its processes until none is left.
   */
  static void kill(Path cgroup) {
    try {
      Files.writeString(cgroup.resolve("cgroup.kill"), "1");
      return;
    } catch (NoSuchFileException e) {
      // An older kernel, or the cgroup is gone: kill what is listed below.
    } catch (IOException e) {
      // Not writable after all: kill what is listed below.
    }
    for (int round = 0; round < KILL_ROUNDS && isPopulated(cgroup); round++) {
      pids(cgroup).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
  }

  /** Removes the cgroup if it is empty; true if it is gone (or never was). */
  static boolean removeIfEmpty(Path cgroup) {
    try {
      Files.deleteIfExists(cgroup);
      return true;
    } catch (IOException e) {
      return false; // still holds a process (EBUSY): removed by a later stop, halt or adoption
    }
  }
}
