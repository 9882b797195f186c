package io.ays.executor.container;

import io.ays.executor.process.SupervisedProcess;
import java.time.Instant;

/**
 * A container this node's executor started (or adopted): what is needed to report its exit as a
 * process exit and to find its log.
 *
 * @param label the process entry it runs, e.g. {@code process.1}
 * @param pid the container's main process as the node sees it, at start
 */
public record ContainerRun(
    String containerId,
    String instanceKey,
    String label,
    long pid,
    Instant startedAt,
    String logFile) {

  /** The process view the health reports and metrics know. */
  public SupervisedProcess asProcess() {
    return new SupervisedProcess(instanceKey, label, pid, startedAt, -1, logFile);
  }
}
