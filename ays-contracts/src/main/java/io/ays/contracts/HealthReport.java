package io.ays.contracts;

import java.time.Instant;

/**
 * What a node-executor observed about an instance's health, on {@code ays.health}: a supervised
 * process exited (at once), or a periodic {@code monitor}/check ran.
 *
 * @param process which {@code process.N} entry this is about (e.g. {@code process.1}); null for the
 *     instance as a whole
 * @param pid the process id, when about one process
 * @param exitCode the exit code, for PROCESS_EXIT (128 + signal number when killed by a signal)
 * @param outputTail the end of the process's or check's output, at most {@value
 *     PhaseResult#MAX_OUTPUT_TAIL} characters
 */
public record HealthReport(
    InstanceKey instanceKey,
    NodeId node,
    HealthStatus status,
    HealthSource source,
    String process,
    Long pid,
    Integer exitCode,
    String message,
    String outputTail,
    Instant observedAt)
    implements EventPayload {

  public HealthReport {
    Fields.required(instanceKey, "instanceKey");
    Fields.required(node, "node");
    Fields.required(status, "status");
    Fields.required(source, "source");
    Fields.optionalText(process, "process");
    if (pid != null) {
      Fields.atLeast(pid, 1L, "pid");
    }
    outputTail = Fields.tail(outputTail, PhaseResult.MAX_OUTPUT_TAIL);
    Fields.required(observedAt, "observedAt");
  }

  @Override
  public String subject() {
    return instanceKey.toString();
  }
}
