package io.ays.coordinator.domain;

import io.ays.contracts.EventType;
import io.ays.contracts.ExecutionRole;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.RequestAction;
import io.ays.contracts.StepFinished;
import io.ays.contracts.StepOutcome;
import io.ays.contracts.StepStarted;
import io.ays.contracts.TemplateRef;
import io.ays.coordinator.config.CoordinatorConfig;
import io.ays.coordinator.config.NodePublicKeys;
import io.ays.coordinator.domain.plan.Decision;
import io.ays.coordinator.domain.plan.PhasePolicy;
import io.ays.coordinator.domain.plan.PlannedStep;
import io.ays.coordinator.domain.plan.RunDecider;
import io.ays.coordinator.domain.plan.StepStatus;
import io.ays.coordinator.persistence.RunEntity;
import io.ays.coordinator.persistence.RunStepEntity;
import io.ays.coordinator.persistence.ServiceInstanceEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Moves a run forward: asks the {@link RunDecider} what to do from the stored step states and
 * applies it (records skipped steps, dispatches the next command through the outbox, or hands a
 * finished run to {@link RunCompletion}). Everything happens in the caller's transaction, so the
 * step state and the command it causes are committed together.
 */
@ApplicationScoped
public class RunEngine {

  private static final Logger LOG = Logger.getLogger(RunEngine.class);

  private final RunDecider decider = new RunDecider();
  private final ServiceEvents events;
  private final RunCompletion completion;
  private final SecretValues secrets;
  private final CoordinatorConfig config;
  private final PhasePolicyBook policies;
  private final NodeDirectory nodes;
  private final NodePublicKeys nodeKeys;
  private final Clock clock;

  public RunEngine(
      ServiceEvents events,
      RunCompletion completion,
      SecretValues secrets,
      CoordinatorConfig config,
      PhasePolicyBook policies,
      NodeDirectory nodes,
      NodePublicKeys nodeKeys,
      Clock clock) {
    this.events = events;
    this.completion = completion;
    this.secrets = secrets;
    this.config = config;
    this.policies = policies;
    this.nodes = nodes;
    this.nodeKeys = nodeKeys;
    this.clock = clock;
  }

  /**
   * Starts {@code run} if its instance is free, otherwise queues it behind the instance's active
   * run (one run per instance at a time).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void startOrQueue(RunEntity run, Cause cause) {
    // Locked: a run that frees the instance in a concurrent transaction either commits first (and
    // this sees the instance free) or waits for this one (and its next-queued lookup sees this
    // run).
    ServiceInstanceEntity instance =
        ServiceInstanceEntity.findById(run.instanceKey, LockModeType.PESSIMISTIC_WRITE);
    if (instance != null && instance.activeRunId != null) {
      run.status = RunStatus.QUEUED.name();
      LOG.infof("run %s of %s queued behind run %s", run.id, run.instanceKey, instance.activeRunId);
      return;
    }
    begin(run, cause);
  }

  /**
   * Starts a run whose instance is free: makes it the instance's active run, moves the instance to
   * the action's transitional state and dispatches the first step.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void begin(RunEntity run, Cause cause) {
    RequestAction action = RequestAction.valueOf(run.action);
    ServiceInstanceEntity instance = ServiceInstanceEntity.findById(run.instanceKey);
    if (action.templateLevel()) {
      beginTemplateLevel(run, instance, cause);
      return;
    }
    if (instance == null && action != RequestAction.INSTALL) {
      completion.abandon(run, "the instance no longer exists (it was uninstalled)", cause);
      return;
    }
    if (instance == null) {
      instance = ServiceInstanceEntity.create(InstanceKey.parse(run.instanceKey), run.node);
    }
    if (action == RequestAction.INSTALL) {
      instance.node = run.node;
      instance.answers = run.answers;
    }
    run.status = RunStatus.RUNNING.name();
    instance.activeRunId = run.id;
    completion.moveTo(instance, InstanceStates.during(action), run, null, cause);
    advance(run, cause);
  }

  /**
   * A build leaves the instance's state alone; an installed instance is still held for the run, so
   * that a build never overlaps its install, restart or uninstall.
   */
  private void beginTemplateLevel(RunEntity run, ServiceInstanceEntity instance, Cause cause) {
    run.status = RunStatus.RUNNING.name();
    if (instance != null) {
      instance.activeRunId = run.id;
    }
    advance(run, cause);
  }

  /** Decides and applies the run's next move. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void advance(RunEntity run, Cause cause) {
    advance(run, run.steps(), cause);
  }

  /**
   * Decides and applies the run's next move, from its {@code steps} already loaded (plan order).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void advance(RunEntity run, List<RunStepEntity> steps, Cause cause) {
    Decision decision =
        decider.decide(steps.stream().map(StepRows::state).toList(), Instant.now(clock));
    for (PlannedStep skipped : decision.skipped()) {
      skip(run, steps.get(skipped.seq()), cause);
    }
    if (decision instanceof Decision.Dispatch dispatch) {
      RunStepEntity step = steps.get(dispatch.step().seq());
      Instant now = Instant.now(clock);
      Optional<String> unavailable = nodes.unavailable(NodeId.of(step.node), now);
      if (unavailable.isPresent()) {
        waitForNode(run, step, unavailable.get(), now, cause);
      } else {
        dispatch(run, step, cause);
      }
    } else if (decision instanceof Decision.Succeed) {
      completion.succeed(run, cause);
    } else if (decision instanceof Decision.Fail fail) {
      completion.fail(run, steps.get(fail.failed().seq()), fail.reason(), cause);
    }
    // Decision.Wait: a step is in flight; its result advances the run.
  }

  /**
   * Holds a step whose node is unknown or silent: it stays PENDING with the reason and is looked at
   * again on the next sweep, until the node is heard from or {@code ays.coordinator.node-wait} has
   * passed; then the step and its run fail with the reason.
   */
  private void waitForNode(
      RunEntity run, RunStepEntity step, String unavailable, Instant now, Cause cause) {
    if (step.nodeWaitSince == null) {
      step.nodeWaitSince = now;
      LOG.warnf(
          "run %s of %s: %s waits for its node: %s",
          run.id, run.instanceKey, step.phase.toLowerCase(Locale.ROOT), unavailable);
    }
    Duration waited = Duration.between(step.nodeWaitSince, now);
    if (waited.compareTo(config.nodeWait()) < 0) {
      step.reason = "waiting for the node: " + unavailable;
      step.retryAt = now.plus(config.sweepInterval());
      return;
    }
    String reason =
        unavailable
            + "; gave up after waiting "
            + waited.toSeconds()
            + " s for it (ays.coordinator.node-wait)";
    failUnsent(run, step, reason, now, cause);
  }

  /** Fails a step whose command is not sent, and its run, with {@code reason}. */
  private void failUnsent(
      RunEntity run, RunStepEntity step, String reason, Instant now, Cause cause) {
    step.status = StepStatus.FAILED.name();
    step.reason = reason;
    step.retryAt = null;
    step.nodeWaitSince = null;
    step.finishedAt = now;
    announceFinished(run, step, StepOutcome.FAILED, cause);
    completion.fail(run, step, reason, cause);
  }

  private void skip(RunEntity run, RunStepEntity step, Cause cause) {
    step.status = StepStatus.SKIPPED.name();
    step.reason = "condition " + step.runCondition + " not met";
    step.finishedAt = Instant.now(clock);
    announceFinished(run, step, StepOutcome.SKIPPED, cause);
  }

  /**
   * Announces a step the coordinator ended itself (no command ran): skipped, or no node to run it.
   */
  private void announceFinished(
      RunEntity run, RunStepEntity step, StepOutcome outcome, Cause cause) {
    events.publish(
        cause,
        EventType.RUN_STEP_FINISHED,
        new StepFinished(
            run.id,
            InstanceKey.parse(run.instanceKey),
            step.id.seq,
            NodeId.of(step.node),
            Phase.valueOf(step.phase),
            Math.max(1, step.attempt),
            outcome,
            null,
            null,
            step.reason,
            null,
            0L,
            false));
  }

  private void dispatch(RunEntity run, RunStepEntity step, Cause cause) {
    Instant now = Instant.now(clock);
    NodeId node = NodeId.of(step.node);
    Map<String, Object> forNode;
    try {
      forNode = secrets.forNode(run.resolvedConfig, node, () -> nodeKeys.of(node));
    } catch (NodePublicKeys.MissingNodeKey e) {
      LOG.errorf("run %s of %s: %s", run.id, run.instanceKey, e.getMessage());
      failUnsent(run, step, e.getMessage(), now, cause);
      return;
    }
    Map<String, Object> resolved = secrets.openJson(run.resolvedConfig);
    PhasePolicy policy = policies.of(resolved, Phase.valueOf(step.phase));
    Duration timeout = policy.timeout();
    step.maxAttempts = policy.attempts();
    step.deadline = now.plus(timeout).plus(config.startGrace()).plus(config.resultGrace());
    step.retryAt = null;
    if (step.nodeWaitSince != null) {
      step.nodeWaitSince = null;
      step.reason = null; // it was waiting for the node, which is back
    }
    step.status = StepStatus.RUNNING.name();
    step.attempt = step.attempt + 1;
    step.commandId = run.id + "/" + step.id.seq + "/" + step.attempt;
    step.startedAt = now;
    step.finishedAt = null;
    InstanceKey key = InstanceKey.parse(run.instanceKey);
    Phase phase = Phase.valueOf(step.phase);
    PhaseCommand command =
        new PhaseCommand(
            step.commandId,
            run.id,
            step.id.seq,
            step.attempt,
            key,
            node,
            ExecutionRole.valueOf(step.role),
            phase,
            new TemplateRef(key.domain(), key.name(), run.templateHash),
            forNode,
            (int) timeout.toSeconds(),
            now.plus(timeout).plus(config.startGrace()));
    events.sendCommand(cause, command);
    events.publish(
        cause,
        EventType.RUN_STEP_STARTED,
        new StepStarted(
            run.id,
            key,
            step.id.seq,
            node,
            command.role(),
            phase,
            step.attempt,
            step.commandId,
            command.timeoutSeconds()));
  }
}
