package io.ays.executor.process;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Keeps process logs bounded: a log over the limit is copied to {@code <log>.1} (older copies move
 * up to {@code .N}, the oldest is dropped) and truncated in place. Copy-and-truncate, because the
 * running process keeps its file open; it writes in append mode, so after the truncation it goes on
 * at the new end. Lines written between the copy and the truncation can be lost (as with
 * logrotate's copytruncate). A follower that had read part of the log before finds the rest in
 * {@code .1} ({@link LogLines#after}).
 */
public final class LogRotation {

  private final long maxBytes;
  private final int keep;

  public LogRotation(long maxBytes, int keep) {
    this.maxBytes = maxBytes;
    this.keep = Math.max(1, keep);
  }

  /** Rotates {@code log} if it is larger than the limit; returns whether it did. */
  public boolean rotateIfLarge(Path log) {
    try {
      if (!Files.isRegularFile(log) || Files.size(log) <= maxBytes) {
        return false;
      }
      for (int i = keep - 1; i >= 1; i--) {
        Path older = copy(log, i);
        if (Files.exists(older)) {
          Files.move(older, copy(log, i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.copy(log, copy(log, 1), StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
        channel.truncate(0);
      }
      return true;
    } catch (IOException e) {
      return false; // a log that cannot be rotated now is tried again next time
    }
  }

  /** The {@code n}th rotated copy of {@code log} ({@code .1} is the newest). */
  static Path copy(Path log, int n) {
    return log.resolveSibling(log.getFileName() + "." + n);
  }
}
