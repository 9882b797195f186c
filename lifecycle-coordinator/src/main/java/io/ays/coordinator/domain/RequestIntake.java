package io.ays.coordinator.domain;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventType;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.PlanStep;
import io.ays.contracts.RequestAction;
import io.ays.contracts.RequestRejected;
import io.ays.contracts.RunAccepted;
import io.ays.contracts.ServiceRequest;
import io.ays.coordinator.metrics.CoordinatorMetrics;
import io.ays.coordinator.persistence.InstanceDependencyEntity;
import io.ays.coordinator.persistence.RunEntity;
import io.ays.coordinator.persistence.RunPrerequisiteEntity;
import io.ays.messaging.tracing.MessageSpans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns a request into a run: checks and plans it ({@link RunPreparer}), stores the run and its
 * steps, announces it, and starts it at once, or queues it behind the instance's active run. A
 * request that cannot be carried out gets a rejection event naming every problem.
 */
@ApplicationScoped
public class RequestIntake {

  private static final Logger LOG = Logger.getLogger(RequestIntake.class);

  private final RunPreparer preparer;
  private final RunEngine engine;
  private final RunCompletion completion;
  private final ServiceEvents events;
  private final SecretValues secrets;
  private final CoordinatorMetrics metrics;
  private final Clock clock;
  private final MessageSpans spans;

  public RequestIntake(
      RunPreparer preparer,
      RunEngine engine,
      RunCompletion completion,
      ServiceEvents events,
      SecretValues secrets,
      CoordinatorMetrics metrics,
      Clock clock,
      MessageSpans spans) {
    this.preparer = preparer;
    this.engine = engine;
    this.completion = completion;
    this.events = events;
    this.secrets = secrets;
    this.metrics = metrics;
    this.clock = clock;
    this.spans = spans;
  }

  /**
   * Accepts (or rejects) a request; returns the id of the run of the instance it names, or null if
   * it was rejected. Runs that wait for others (dependencies) are stored as WAITING and started by
   * {@link RunCompletion} when their prerequisites succeed.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public UUID accept(CloudEvent<ServiceRequest> request) {
    RequestAction action =
        RequestAction.of(request.type())
            .orElseThrow(() -> new IllegalArgumentException(request.type() + " is no request"));
    // The planning span is the parent of the first commands: a trace reads request, plan, phases.
    return spans.resuming(
        "plan " + action.name().toLowerCase(Locale.ROOT),
        null,
        request.correlationId(),
        Map.of(MessageSpans.INSTANCE_KEY, request.subject()),
        () -> plan(action, request));
  }

  private UUID plan(RequestAction action, CloudEvent<ServiceRequest> request) {
    Cause cause = Cause.of(request);
    Preparation preparation = preparer.prepare(action, request.data());
    if (!preparation.accepted()) {
      reject(request, preparation.rejection(), cause);
      metrics.request(action, CoordinatorMetrics.RequestOutcome.REJECTED);
      return null;
    }
    metrics.request(action, CoordinatorMetrics.RequestOutcome.ACCEPTED);
    UUID rootId = UUID.randomUUID();
    MessageSpans.describe(Map.of(MessageSpans.RUN_ID, rootId.toString()));
    Map<InstanceKey, RunEntity> stored = new HashMap<>();
    List<PreparedRun> runs = preparation.runs();
    for (int position = 0; position < runs.size(); position++) {
      PreparedRun prepared = runs.get(position);
      RunEntity run = store(request, prepared, rootId, position);
      stored.put(prepared.key(), run);
      announce(run, prepared, request, cause);
    }
    for (PreparedRun prepared : runs) {
      RunEntity run = stored.get(prepared.key());
      if (prepared.upToDate()) {
        completion.upToDate(run, cause);
      } else if (!prepared.after().isEmpty()) {
        run.status = RunStatus.WAITING.name();
        prepared.after().forEach(k -> RunPrerequisiteEntity.add(run.id, stored.get(k).id));
      } else {
        engine.startOrQueue(run, cause);
      }
    }
    return rootId;
  }

  private void announce(
      RunEntity run, PreparedRun prepared, CloudEvent<ServiceRequest> request, Cause cause) {
    events.publish(
        cause,
        EventType.RUN_ACCEPTED,
        new RunAccepted(
            run.id,
            prepared.key(),
            prepared.action(),
            request.id(),
            NodeId.of(prepared.node()),
            prepared.template().contentHash,
            prepared.plan().stream()
                .map(s -> new PlanStep(s.seq(), NodeId.of(s.node()), s.role(), s.phase()))
                .toList()));
  }

  private RunEntity store(
      CloudEvent<ServiceRequest> request, PreparedRun prepared, UUID rootId, int position) {
    RunEntity run = new RunEntity();
    run.id = prepared.requiredBy() == null ? rootId : UUID.randomUUID();
    run.rootRunId = rootId;
    run.requiredBy = prepared.requiredBy() == null ? null : prepared.requiredBy().toString();
    run.requestPosition = position;
    run.instanceKey = prepared.key().toString();
    run.action = prepared.action().name();
    run.requestId = request.id();
    run.correlationId = request.correlationId();
    run.status = RunStatus.RUNNING.name();
    run.templateHash = prepared.template().contentHash;
    run.node = prepared.node();
    run.noStart = prepared.requiredBy() == null && request.data().noStart();
    run.answers = secrets.sealedAnswers(prepared.answers(), prepared.secretKeys());
    run.resolvedConfig =
        secrets.sealedConfig(
            prepared.config(), secrets.clearSecrets(prepared.answers(), prepared.secretKeys()));
    run.createdAt = Instant.now(clock);
    run.persist();
    prepared.plan().forEach(step -> StepRows.row(run.id, step).persist());
    if (prepared.action() == RequestAction.INSTALL) {
      InstanceDependencyEntity.record(
          run.instanceKey, prepared.dependsOn().stream().map(InstanceKey::toString).toList());
    }
    return run;
  }

  private void reject(CloudEvent<ServiceRequest> request, Rejection rejection, Cause cause) {
    LOG.infof("request %s (%s) rejected: %s", request.id(), request.type(), rejection.reason());
    events.publish(
        cause,
        EventType.REQUEST_REJECTED,
        new RequestRejected(
            request.kafkaKey(),
            request.id(),
            request.type().type(),
            rejection.reason(),
            rejection.problems()));
  }
}
