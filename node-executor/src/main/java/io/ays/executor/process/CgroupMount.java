package io.ays.executor.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds where the cgroup v2 hierarchy is mounted, from {@code /proc/self/mountinfo}: {@code
 * /sys/fs/cgroup} on a pure cgroup v2 host, often {@code /sys/fs/cgroup/unified} on a hybrid one,
 * and nowhere on a cgroup v1-only host. Read rather than guessed, so a container or an unusual
 * layout is seen as it is.
 */
final class CgroupMount {

  private CgroupMount() {}

  /** The cgroup2 mount point of this process's mount namespace, if there is one. */
  static Optional<Path> find() {
    try {
      return find(Files.readAllLines(Path.of("/proc/self/mountinfo")));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The first cgroup2 mount point in {@code mountinfo} lines: {@code id parent dev root mountpoint
   * options [optional fields] - fstype source superoptions}.
   */
  static Optional<Path> find(List<String> mountinfo) {
    for (String line : mountinfo) {
      String[] fields = line.split(" ");
      int separator = List.of(fields).indexOf("-");
      if (separator < 5 || separator + 1 >= fields.length) {
        continue;
      }
      if (fields[separator + 1].equals("cgroup2")) {
        return Optional.of(Path.of(unescape(fields[4])));
      }
    }
    return Optional.empty();
  }

  /** The kernel writes space, tab, newline and backslash in a path as {@code \ooo} octal. */
  private static String unescape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String field, int from) {
    if (from + 3 > field.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (field.charAt(i) < '0' || field.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
