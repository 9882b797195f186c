package io.ays.executor.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

  /**
   * Lines written after a known position, for following a log.
   *
   * @param lines the complete lines after the position, oldest first
   * @param end the position after the last of them: where the next read starts
   */
  public record Slice(List<String> lines, long end) {}

  /**
   * The complete lines of {@code file} from byte {@code offset} on; a line still being written is
   * left for the next read. A file now shorter than {@code offset} was rotated or truncated: it is
   * read from its start. At most {@link #MAX_BYTES} are read (the newest).
   */
  public static Slice after(Path file, long offset) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      long from = offset > size ? 0 : offset;
      boolean cut = size - from > MAX_BYTES;
      if (cut) {
        from = size - MAX_BYTES;
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) (size - from));
      while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) > 0) {
        // read until full
      }
      byte[] bytes = buffer.array();
      int length = buffer.position();
      int lastNewline = length - 1;
      while (lastNewline >= 0 && bytes[lastNewline] != '\n') {
        lastNewline--;
      }
      if (lastNewline < 0) {
        return new Slice(List.of(), from);
      }
      String text = new String(bytes, 0, lastNewline, StandardCharsets.UTF_8);
      List<String> lines = Arrays.asList(text.split("\r?\n", -1));
      // Read from the middle of the file, the first line is partial.
      List<String> whole = cut ? lines.subList(1, lines.size()) : lines;
      return new Slice(List.copyOf(whole), from + lastNewline + 1);
    }
  }
}
