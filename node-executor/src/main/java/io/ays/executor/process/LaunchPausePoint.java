package io.ays.executor.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A test's hold on a start, between the launch of a process and the record of its pid: the one
 * moment an executor killed leaves a process it has not recorded, too short to hit by chance. Off
 * unless {@code ays.executor.test.pause-after-launch} names a file; then the first start writes the
 * pid there and never returns (the test kills the executor), and later starts, in the same or the
 * next run of the executor, are not held (the file exists).
 */
public final class LaunchPausePoint {

  /** No hold: what every executor but a test's uses. */
  public static final LaunchPausePoint NONE = new LaunchPausePoint(null);

  private final Path marker;

  private LaunchPausePoint(Path marker) {
    this.marker = marker;
  }

  public static LaunchPausePoint at(Optional<Path> marker) {
    return marker.map(LaunchPausePoint::new).orElse(NONE);
  }

  /** Holds the start of {@code pid} if this is the test's first start. */
  synchronized void reached(long pid) {
    if (marker == null || Files.exists(marker)) {
      return;
    }
    try {
      Files.writeString(marker, Long.toString(pid));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the pause marker " + marker, e);
    }
    try {
      // Until the test kills this executor.
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
