package io.ays.coordinator.domain;

import io.ays.contracts.StepOutcome;
import io.ays.coordinator.config.CoordinatorConfig;
import io.ays.coordinator.domain.plan.StepStatus;
import io.ays.coordinator.persistence.RunEntity;
import io.ays.coordinator.persistence.RunStepEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps runs moving when no message will (Conductor's sweeper): an attempt whose result did not
 * come by its deadline (a silent node, a lost executor) is counted as timed out and retried or
 * failed by its policy; a step whose retry is due is dispatched; and every running run without a
 * command in flight is decided again from its stored state, which also finishes what a crash
 * between two decisions left behind. Each run is handled in a transaction of its own, so one bad
 * run cannot stop the others.
 */
@ApplicationScoped
public class RunSweeper {

  private static final Logger LOG = Logger.getLogger(RunSweeper.class);

  private final RunEngine engine;
  private final AttemptRecorder attempts;
  private final CoordinatorConfig config;
  private final Clock clock;
  private ScheduledExecutorService scheduler;

  public RunSweeper(
      RunEngine engine, AttemptRecorder attempts, CoordinatorConfig config, Clock clock) {
    this.engine = engine;
    this.attempts = attempts;
    this.config = config;
    this.clock = clock;
  }

  void onStart(@Observes StartupEvent event) {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "ays-run-sweeper");
              thread.setDaemon(true);
              return thread;
            });
    long every = config.sweepInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      LOG.errorf(e, "sweep failed");
    }
  }

  /** One pass: timed-out attempts first, then runs to re-decide. */
  public void sweep() {
    Instant now = Instant.now(clock);
    List<RunStepEntity.Id> overdue =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    RunStepEntity.<RunStepEntity>list(
                            "status = ?1 and deadline < ?2", StepStatus.RUNNING.name(), now)
                        .stream()
                        .map(step -> step.id)
                        .toList());
    for (RunStepEntity.Id id : overdue) {
      inItsOwnTransaction(id.runId, () -> timeOut(id, now));
    }
    List<UUID> idle =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    RunEntity.<RunEntity>list(
                            "from RunEntity r where r.status = ?1 and not exists (select 1 from"
                                + " RunStepEntity s where s.id.runId = r.id and s.status = ?2)",
                            RunStatus.RUNNING.name(),
                            StepStatus.RUNNING.name())
                        .stream()
                        .map(run -> run.id)
                        .toList());
    for (UUID runId : idle) {
      inItsOwnTransaction(runId, () -> redecide(runId));
    }
  }

  private void timeOut(RunStepEntity.Id id, Instant now) {
    RunEntity run = RunEntity.findById(id.runId, LockModeType.PESSIMISTIC_WRITE);
    RunStepEntity step = RunStepEntity.findById(id);
    if (run == null
        || step == null
        || !StepStatus.RUNNING.name().equals(step.status)
        || step.deadline == null
        || !step.deadline.isBefore(now)) {
      return; // a result came meanwhile
    }
    long waited = step.startedAt == null ? 0 : Duration.between(step.startedAt, now).toMillis();
    String reason =
        "timed out: no result from node "
            + step.node
            + " within "
            + Duration.ofMillis(waited).toSeconds()
            + "s (attempt "
            + step.attempt
            + ")";
    LOG.warnf("run %s step %d (%s): %s", run.id, step.id.seq, step.phase, reason);
    Cause cause = new Cause(null, run.correlationId);
    attempts.record(
        run,
        step,
        new AttemptRecorder.Attempt(StepOutcome.TIMED_OUT, null, null, reason, null, waited),
        cause);
    engine.advance(run, cause);
  }

  private void redecide(UUID runId) {
    RunEntity run = RunEntity.findById(runId, LockModeType.PESSIMISTIC_WRITE);
    if (run != null && RunStatus.RUNNING.name().equals(run.status)) {
      engine.advance(run, new Cause(null, run.correlationId));
    }
  }

  private static void inItsOwnTransaction(UUID runId, Runnable work) {
    try {
      QuarkusTransaction.requiringNew().run(work);
    } catch (RuntimeException e) {
      LOG.errorf(e, "sweeping run %s failed; it is tried again on the next pass", runId);
    }
  }
}
