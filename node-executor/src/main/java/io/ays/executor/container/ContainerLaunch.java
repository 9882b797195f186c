package io.ays.executor.container;

import io.ays.model.template.ContainerSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything needed to start one container of an instance.
 *
 * @param label the process entry, e.g. {@code process.1}
 * @param commandLine the shell line run in the container instead of the image's command; null keeps
 *     the image's
 * @param user the user in the container, or null for the image's
 */
public record ContainerLaunch(
    String label,
    ContainerSpec spec,
    String commandLine,
    Map<String, String> environment,
    String user,
    Path instanceDir,
    Path logFile,
    Duration timeoutStop) {

  public ContainerLaunch {
    environment = Map.copyOf(environment);
  }
}
