package io.ays.cli.follow;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventPayload;
import io.ays.contracts.EventType;
import io.ays.contracts.ExecutionRole;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.Phase;
import io.ays.contracts.PlanStep;
import io.ays.contracts.Problem;
import io.ays.contracts.RequestAction;
import io.ays.contracts.RequestRejected;
import io.ays.contracts.RunAccepted;
import io.ays.contracts.RunFinished;
import io.ays.contracts.RunOutcome;
import io.ays.contracts.StepFinished;
import io.ays.contracts.StepOutcome;
import io.ays.contracts.StepStarted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Hand-made coordinator events of one request, as the coordinator would send them. */
final class Events {

  static final NodeId NODE = NodeId.of("local");

  final String requestId = UUID.randomUUID().toString();

  <T extends EventPayload> CloudEvent<T> of(EventType type, T data) {
    return new CloudEvent<>(
        UUID.randomUUID().toString(),
        "/ays/lifecycle-coordinator",
        type,
        Instant.parse("2025-05-01T10:15:30Z"),
        requestId,
        requestId,
        data);
  }

  CloudEvent<RunAccepted> accepted(UUID run, String key, Phase... phases) {
    List<PlanStep> plan = new ArrayList<>();
    for (int i = 0; i < phases.length; i++) {
      plan.add(new PlanStep(i, NODE, ExecutionRole.NODE, phases[i]));
    }
    return of(
        EventType.RUN_ACCEPTED,
        new RunAccepted(
            run, InstanceKey.parse(key), RequestAction.INSTALL, requestId, NODE, null, plan));
  }

  CloudEvent<StepStarted> started(UUID run, String key, int step, Phase phase, int attempt) {
    return of(
        EventType.RUN_STEP_STARTED,
        new StepStarted(
            run,
            InstanceKey.parse(key),
            step,
            NODE,
            ExecutionRole.NODE,
            phase,
            attempt,
            run + "/" + step + "/" + attempt,
            60));
  }

  CloudEvent<StepFinished> finished(
      UUID run,
      String key,
      int step,
      Phase phase,
      StepOutcome outcome,
      String message,
      boolean retry) {
    return of(
        EventType.RUN_STEP_FINISHED,
        new StepFinished(
            run,
            InstanceKey.parse(key),
            step,
            NODE,
            phase,
            outcome == StepOutcome.SKIPPED ? 0 : 1,
            outcome,
            null,
            0,
            message,
            null,
            1200L,
            retry));
  }

  CloudEvent<RunFinished> runSucceeded(UUID run, String key) {
    return of(
        EventType.RUN_FINISHED,
        new RunFinished(
            run,
            InstanceKey.parse(key),
            RequestAction.INSTALL,
            RunOutcome.SUCCEEDED,
            null,
            null,
            null,
            4200L));
  }

  CloudEvent<RunFinished> runFailed(
      UUID run, String key, Integer step, Phase phase, String reason) {
    return of(
        EventType.RUN_FINISHED,
        new RunFinished(
            run,
            InstanceKey.parse(key),
            RequestAction.INSTALL,
            RunOutcome.FAILED,
            reason,
            step,
            phase,
            900L));
  }

  CloudEvent<RequestRejected> rejected(String key, String reason, Problem... problems) {
    return of(
        EventType.REQUEST_REJECTED,
        new RequestRejected(key, requestId, "ays.request.install.v1", reason, List.of(problems)));
  }
}
