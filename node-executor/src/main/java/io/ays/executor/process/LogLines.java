package io.ays.executor.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
   * left for the next read. At most {@link #MAX_BYTES} are read (the newest).
   *
   * <p>A file now shorter than {@code offset} was rotated since the follower's last read ({@link
   * LogRotation}: copied to {@code .1}, then truncated). The lines the follower had not seen yet
   * are at the end of that copy: they come first, then the file from its start. A copy shorter than
   * {@code offset} is not the one the follower was reading (rotated twice meanwhile, or truncated
   * by someone else), so only the file is read. A rotation is known by the size alone: one after
   * which the file grew past {@code offset} again before the next read goes unnoticed (a follower
   * reads every second or so, and a log is rotated only once over its limit, 10 MiB by default, so
   * it would have to grow by about that much meanwhile).
   */
  public static Slice after(Path file, long offset) throws IOException {
    if (offset <= Files.size(file)) {
      return read(file, offset, false);
    }
    Path copy = LogRotation.copy(file, 1);
    List<String> missed = List.of();
    if (Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS) && Files.size(copy) >= offset) {
      // The copy is complete: a last line without its newline goes on in the truncated file.
      missed = read(copy, offset, true).lines();
    }
    Slice current = read(file, 0, false);
    if (missed.isEmpty()) {
      return current;
    }
    List<String> lines = new ArrayList<>(missed);
    lines.addAll(current.lines());
    return new Slice(List.copyOf(lines), current.end());
  }

  /**
   * The lines of {@code file} from {@code offset} on; the text after the last newline is one more
   * line if {@code withUnfinished}, else left out.
   */
  private static Slice read(Path file, long offset, boolean withUnfinished) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      long from = Math.min(offset, size);
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
      int end = length;
      if (!withUnfinished) {
        while (end > 0 && bytes[end - 1] != '\n') {
          end--;
        }
      }
      if (end == 0) {
        return new Slice(List.of(), from);
      }
      // Without the last newline, so that it does not make an empty last line.
      int textEnd = bytes[end - 1] == '\n' ? end - 1 : end;
      String text = new String(bytes, 0, textEnd, StandardCharsets.UTF_8);
      List<String> lines = Arrays.asList(text.split("\r?\n", -1));
      // Read from the middle of the file, the first line is partial.
      List<String> whole = cut ? lines.subList(1, lines.size()) : lines;
      return new Slice(List.copyOf(whole), from + end);
    }
  }
}
