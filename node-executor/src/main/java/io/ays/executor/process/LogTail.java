package io.ays.executor.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads the end of a log file, for the output tail that results and health events carry. */
public final class LogTail {

  private LogTail() {}

  /**
   * The last {@code maxBytes} bytes of {@code file} as text, or "" if it does not exist or is a
   * symbolic link: a service or hook may replace its log with a link to a file it should not make
   * the executor read out.
   */
  public static String of(Path file, int maxBytes) {
    if (file == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return "";
    }
    try (FileChannel in =
        FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long length = in.size();
      long start = Math.max(0, length - maxBytes);
      ByteBuffer bytes = ByteBuffer.allocate((int) (length - start));
      while (bytes.hasRemaining() && in.read(bytes, start + bytes.position()) > 0) {
        // read until full or the end (the file may shrink under a rotation)
      }
      return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(could not read " + file + ": " + e.getMessage() + ")";
    }
  }
}
