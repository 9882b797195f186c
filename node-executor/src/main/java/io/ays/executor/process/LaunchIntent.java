package io.ays.executor.process;

import java.util.UUID;

/**
 * What the executor is about to start, recorded before it starts it: if the executor dies between
 * the start and the record of the pid, its next run finds the intent, looks for the process by the
 * launch id in its environment ({@link #MARKER}) and adopts it.
 *
 * @param launchId a fresh id given to the process as {@code AYS_LAUNCH_ID}
 * @param cgroup the cgroup made for it, null where there is none: a process found by its launch id
 *     is adopted with it, and an empty one left behind is removed
 */
public record LaunchIntent(
    String instanceKey, String name, String launchId, String logFile, String cgroup) {

  /** An intent for a process that no cgroup will hold. */
  public LaunchIntent(String instanceKey, String name, String launchId, String logFile) {
    this(instanceKey, name, launchId, logFile, null);
  }

  /** The environment variable that marks a process with its launch id. */
  public static final String MARKER = "AYS_LAUNCH_ID";

  static LaunchIntent of(String instanceKey, ProcessLaunch launch) {
    return new LaunchIntent(
        instanceKey, launch.name(), UUID.randomUUID().toString(), launch.logFile().toString());
  }

  /** This intent, its process to be held by {@code cgroup}. */
  LaunchIntent in(java.util.Optional<java.nio.file.Path> cgroup) {
    return new LaunchIntent(
        instanceKey, name, launchId, logFile, cgroup.map(Object::toString).orElse(null));
  }
}
