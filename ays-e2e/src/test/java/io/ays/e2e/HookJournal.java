package io.ays.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the chaos test's hooks wrote: one file per node, a line {@code begin COMMAND_ID KEY PHASE}
 * when a hook starts and {@code end COMMAND_ID} when it is done. It tells which hook runs now on a
 * node (to kill its executor in the middle of a phase) and whether a command id ran twice.
 */
final class HookJournal {

  private final Path directory;

  HookJournal(Path directory) throws IOException {
    this.directory = Files.createDirectories(directory);
  }

  /** The hook body: records its start, sleeps {@code seconds} (a phase long enough to be hit). */
  String hook(String seconds) {
    String file = directory + "/$AYS_NODE.log";
    return "#!/bin/sh\n"
        + "echo \"begin $AYS_COMMAND_ID $AYS_INSTANCE_KEY $AYS_PHASE\" >> \""
        + file
        + "\"\n"
        + "sleep "
        + seconds
        + "\n"
        + "echo \"end $AYS_COMMAND_ID\" >> \""
        + file
        + "\"\n";
  }

  /** The command id of a hook that began on {@code node} and has not ended, if any. */
  Optional<String> inFlight(String node) throws IOException {
    Set<String> open = new HashSet<>();
    for (String line : lines(node)) {
      String[] words = line.split(" ");
      if (words.length >= 2 && words[0].equals("begin")) {
        open.add(words[1]);
      } else if (words.length >= 2 && words[0].equals("end")) {
        open.remove(words[1]);
      }
    }
    return open.stream().findFirst();
  }

  /** Every command id that began more than once on any node, with its lines. */
  Map<String, List<String>> ranTwice(List<String> nodes) throws IOException {
    Map<String, List<String>> begins = new HashMap<>();
    for (String node : nodes) {
      for (String line : lines(node)) {
        String[] words = line.split(" ");
        if (words.length >= 2 && words[0].equals("begin")) {
          begins.computeIfAbsent(words[1], id -> new ArrayList<>()).add(node + ": " + line);
        }
      }
    }
    begins.values().removeIf(l -> l.size() < 2);
    return begins;
  }

  /** How many hooks began on {@code nodes}. */
  long begun(List<String> nodes) throws IOException {
    long count = 0;
    for (String node : nodes) {
      count += lines(node).stream().filter(l -> l.startsWith("begin ")).count();
    }
    return count;
  }

  private List<String> lines(String node) throws IOException {
    Path file = directory.resolve(node + ".log");
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }
}
