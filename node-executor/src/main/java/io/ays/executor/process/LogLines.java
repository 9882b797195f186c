package io.ays.executor.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The last lines of a log, read from its end: a service's log may be large, and only its end is
 * wanted. At most {@link #MAX_BYTES} are read, so very long lines shorten the answer instead of
 * making it unbounded.
 */
public final class LogLines {

  static final int MAX_BYTES = 1 << 20;

  private LogLines() {}

  /** The last {@code count} lines of {@code file} (fewer if it has fewer, or if they are huge). */
  public static List<String> last(Path file, int count) throws IOException {
    if (count <= 0) {
      return List.of();
    }
    boolean cut = Files.size(file) > MAX_BYTES;
    String text = LogTail.of(file, MAX_BYTES);
    List<String> lines = Arrays.asList(text.split("\r?\n", -1));
    int from = cut ? 1 : 0; // the first line read from the middle of the file is partial
    int to = lines.size();
    if (to > from && lines.get(to - 1).isEmpty()) {
      to--; // the text ends with a newline: no line after it
    }
    return List.copyOf(lines.subList(Math.max(from, to - count), to));
  }
}
