package io.ays.coordinator.api;

import io.ays.coordinator.persistence.RunEntity;
import io.ays.coordinator.persistence.RunPrerequisiteEntity;
import io.ays.coordinator.persistence.RunStepEntity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A run as the REST API shows it: the request behind it ({@code requestRunId} is the run of the
 * instance the request named; {@code requiredBy} says which instance brought a dependency's run in;
 * {@code waitsFor} the runs it starts after), its status, every step.
 */
public record RunView(
    UUID id,
    String instanceKey,
    String action,
    String status,
    String node,
    String templateVersion,
    String requestId,
    String correlationId,
    UUID requestRunId,
    String requiredBy,
    List<UUID> waitsFor,
    String reason,
    Instant createdAt,
    Instant finishedAt,
    List<StepView> steps) {

  /** One step: phase, node, status, attempt, duration, exit status, output tail, reason. */
  public record StepView(
      int step,
      String node,
      String role,
      String phase,
      String status,
      int attempt,
      Boolean up,
      Integer exitCode,
      Long durationMs,
      String reason,
      String outputTail,
      Instant startedAt,
      Instant finishedAt) {

    static StepView of(RunStepEntity row) {
      Long duration =
          row.startedAt != null && row.finishedAt != null
              ? Duration.between(row.startedAt, row.finishedAt).toMillis()
              : null;
      return new StepView(
          row.id.seq,
          row.node,
          row.role,
          io.ays.contracts.Phase.valueOf(row.phase).actionName(),
          row.status,
          row.attempt,
          row.up,
          row.exitCode,
          duration,
          row.reason,
          row.outputTail,
          row.startedAt,
          row.finishedAt);
    }
  }

  static RunView of(RunEntity run) {
    return new RunView(
        run.id,
        run.instanceKey,
        run.action,
        run.status,
        run.node,
        run.templateHash,
        run.requestId,
        run.correlationId,
        run.rootRunId,
        run.requiredBy,
        RunPrerequisiteEntity.prerequisitesOf(run.id),
        run.reason,
        run.createdAt,
        run.finishedAt,
        run.steps().stream().map(StepView::of).toList());
  }
}
