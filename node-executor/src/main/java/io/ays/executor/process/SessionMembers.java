package io.ays.executor.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The fallback's way to find what a service started where no cgroup holds it: every process in the
 * service's session. Each service is started as the leader of a session of its own (setsid), whose
 * id is the service's pid and stays so after the service itself exits; a daemon that double-forks
 * keeps it, one that calls setsid again does not (and is then out of reach).
 */
final class SessionMembers {

  private SessionMembers() {}

  /**
   * The running processes of the session led by {@code leader}, the leader included when it runs;
   * empty when the leader's pid now belongs to another process (the session id is then not ours).
   */
  static List<Long> of(SupervisedProcess leader) {
    OptionalLong leaderNow = ProcStat.startTicks(leader.pid());
    if (leader.startTicks() < 0
        || (leaderNow.isPresent() && leaderNow.getAsLong() != leader.startTicks())) {
      return List.of(); // no exact start time, or the pid was reused: the session is not ours
    }
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .filter(pid -> isMember(pid, leader))
          .toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static boolean isMember(long pid, SupervisedProcess leader) {
    OptionalLong session = ProcStat.runningSessionId(pid);
    if (session.isEmpty() || session.getAsLong() != leader.pid()) {
      return false;
    }
    // A member started after the leader; an older process cannot have joined its session.
    return ProcStat.startTicks(pid).orElse(-1) >= leader.startTicks();
  }
}
