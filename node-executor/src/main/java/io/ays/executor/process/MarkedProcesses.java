package io.ays.executor.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a process by the launch id in its environment ({@link LaunchIntent#MARKER}), reading {@code
 * /proc/<pid>/environ} (readable for the processes of the executor's own user). A service and the
 * processes it forks all carry the marker; the one whose parent does not is the service.
 */
final class MarkedProcesses {

  private MarkedProcesses() {}

  /** The pid of the process started under {@code launchId}, if one still runs. */
  static Optional<Long> find(String launchId) {
    byte[] marker = (LaunchIntent.MARKER + "=" + launchId).getBytes(StandardCharsets.UTF_8);
    Map<Long, Long> parentOfMarked = new HashMap<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      entries
          .map(p -> p.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .filter(pid -> holds(pid, marker))
          .forEach(pid -> parentOfMarked.put(pid, ProcStat.parentPid(pid).orElse(-1L)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return parentOfMarked.entrySet().stream()
        .filter(e -> !parentOfMarked.containsKey(e.getValue()))
        .filter(e -> ProcStat.runningStartTicks(e.getKey()).isPresent())
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private static boolean holds(long pid, byte[] marker) {
    try {
      byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
      // Entries are NUL-terminated: match a whole entry.
      outer:
      for (int start = 0; start + marker.length <= environ.length; ) {
        for (int i = 0; i < marker.length; i++) {
          if (environ[start + i] != marker[i]) {
            start = next(environ, start);
            continue outer;
          }
        }
        int end = start + marker.length;
        if (end == environ.length || environ[end] == 0) {
          return true;
        }
        start = next(environ, start);
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false; // gone, or another user's
    }
  }

  private static int next(byte[] environ, int from) {
    int i = from;
    while (i < environ.length && environ[i] != 0) {
      i++;
    }
    return i + 1;
  }
}
