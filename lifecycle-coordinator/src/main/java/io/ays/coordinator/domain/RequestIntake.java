package io.ays.coordinator.domain;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventType;
import io.ays.contracts.NodeId;
import io.ays.contracts.PlanStep;
import io.ays.contracts.RequestAction;
import io.ays.contracts.RequestRejected;
import io.ays.contracts.RunAccepted;
import io.ays.contracts.ServiceRequest;
import io.ays.coordinator.persistence.RunEntity;
import io.ays.coordinator.persistence.ServiceInstanceEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
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
  private final JsonMaps json;
  private final Clock clock;

  public RequestIntake(
      RunPreparer preparer,
      RunEngine engine,
      RunCompletion completion,
      ServiceEvents events,
      JsonMaps json,
      Clock clock) {
    this.preparer = preparer;
    this.engine = engine;
    this.completion = completion;
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  /** Accepts (or rejects) a request; returns the run id, or null if it was rejected. */
  @Transactional(Transactional.TxType.MANDATORY)
  public UUID accept(CloudEvent<ServiceRequest> request) {
    RequestAction action =
        RequestAction.of(request.type())
            .orElseThrow(() -> new IllegalArgumentException(request.type() + " is no request"));
    Cause cause = Cause.of(request);
    Preparation preparation = preparer.prepare(action, request.data());
    if (!preparation.accepted()) {
      reject(request, preparation.rejection(), cause);
      return null;
    }
    PreparedRun prepared = preparation.run();
    RunEntity run = store(request, prepared);
    events.publish(
        cause,
        EventType.RUN_ACCEPTED,
        new RunAccepted(
            run.id,
            prepared.key(),
            action,
            request.id(),
            NodeId.of(prepared.node()),
            prepared.template().contentHash,
            prepared.plan().stream()
                .map(s -> new PlanStep(s.seq(), NodeId.of(s.node()), s.role(), s.phase()))
                .toList()));
    if (prepared.upToDate()) {
      completion.upToDate(run, cause);
      return run.id;
    }
    ServiceInstanceEntity instance = ServiceInstanceEntity.findById(run.instanceKey);
    if (instance != null && instance.activeRunId != null) {
      run.status = RunStatus.QUEUED.name();
      LOG.infof("run %s of %s queued behind run %s", run.id, run.instanceKey, instance.activeRunId);
      return run.id;
    }
    engine.begin(run, cause);
    return run.id;
  }

  private RunEntity store(CloudEvent<ServiceRequest> request, PreparedRun prepared) {
    RunEntity run = new RunEntity();
    run.id = UUID.randomUUID();
    run.instanceKey = prepared.key().toString();
    run.action = prepared.action().name();
    run.requestId = request.id();
    run.correlationId = request.correlationId();
    run.status = RunStatus.RUNNING.name();
    run.templateHash = prepared.template().contentHash;
    run.node = prepared.node();
    run.noStart = request.data().noStart();
    run.answers = json.write(prepared.answers());
    run.resolvedConfig = json.write(prepared.config());
    run.createdAt = Instant.now(clock);
    run.persist();
    prepared.plan().forEach(step -> StepRows.row(run.id, step).persist());
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
