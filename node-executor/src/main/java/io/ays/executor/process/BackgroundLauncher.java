package io.ays.executor.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a service through a shell that puts it in the background, in a session of its own with its
 * output appended to its log, prints its pid and exits. The JDK reaps that shell; the service is
 * left to the nearest child subreaper, the executor ({@link ChildReaper}), and no JDK thread waits
 * for it.
 */
final class BackgroundLauncher {

  /**
   * {@code $1} is the script, {@code $2} the log. The shell is not a process group leader, so
   * setsid runs the script in the same process rather than forking: {@code $!} is the service.
   */
  private static final String LAUNCHER =
      "setsid /bin/sh -c \"$1\" </dev/null >>\"$2\" 2>&1 & echo $!";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private BackgroundLauncher() {}

  /** Starts {@code launch} and returns the pid of its process, once the launcher has exited. */
  static long launch(ProcessLaunch launch) throws IOException {
    return launch(launch, "");
  }

  /**
   * {@link #launch(ProcessLaunch)} with {@code prologue} run by the service's shell before its
   * command line (e.g. {@link Cgroup#enterLine}), in the process that becomes the service.
   */
  static long launch(ProcessLaunch launch, String prologue) throws IOException {
    Process launcher =
        launch
            .processBuilder(
                List.of(
                    "/bin/sh",
                    "-c",
                    LAUNCHER,
                    "ays-launch",
                    prologue + launch.script(),
                    launch.logFile().toString()))
            .start();
    try {
      if (!launcher.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        launcher.destroyForcibly();
        throw new IOException(launch.name() + ": the launcher did not exit within " + TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(launch.name() + ": interrupted while starting", e);
    }
    // A pid line is far smaller than a pipe's buffer: reading after the exit cannot block it.
    String printed =
        new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    try {
      return Long.parseLong(printed);
    } catch (NumberFormatException e) {
      throw new IOException(launch.name() + ": could not start: " + printed);
    }
  }
}
