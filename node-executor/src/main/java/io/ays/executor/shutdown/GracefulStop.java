package io.ays.executor.shutdown;

import io.ays.executor.messaging.CommandExecution;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What the executor does with its running phases on SIGTERM: it takes no new phase (a command that
 * comes now is left unacknowledged for the next start, see {@link PhasesInFlight#begin}), waits up
 * to {@code ays.executor.shutdown.phase-wait} (15s) for the running ones to finish (their results
 * are sent as usual), and answers each one still running as FAILED with the reason, so that the
 * coordinator's run goes on (a retry runs once the executor is back) instead of waiting for the
 * step's deadline. The services it supervises are not touched: they outlive the executor by design
 * and are adopted at its next start. The abandoned action's own process (a hook, a python action)
 * is left to end on its own.
 *
 * <p>This runs on Quarkus' ShutdownEvent, before the Kafka consumers close: the command channel's
 * message in flight is then done, its offset committed; the results leave through the outbox, which
 * is flushed last ({@code ays.outbox.drain-timeout}).
 */
@ApplicationScoped
public class GracefulStop {

  private static final Logger LOG = Logger.getLogger(GracefulStop.class);
  private static final long POLL_MILLIS = 100;

  private final PhasesInFlight phases;
  private final CommandExecution execution;
  private final Duration phaseWait;

  public GracefulStop(
      PhasesInFlight phases,
      CommandExecution execution,
      @ConfigProperty(name = "ays.executor.shutdown.phase-wait", defaultValue = "15s")
          Duration phaseWait) {
    this.phases = phases;
    this.execution = execution;
    this.phaseWait = phaseWait;
  }

  void onShutdown(@Observes ShutdownEvent event) {
    phases.close();
    finishOrAbandon(phaseWait);
  }

  /**
   * Waits up to {@code wait} for the running phases to end, then answers those still running as
   * FAILED and interrupts their threads.
   *
   * @return how many phases were abandoned
   */
  public int finishOrAbandon(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    if (!phases.isEmpty()) {
      LOG.infof("waiting up to %s for %d running phase(s) to finish", wait, phases.now().size());
    }
    while (!phases.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    int abandoned = 0;
    for (PhasesInFlight.Running phase : phases.now()) {
      if (!phases.claim(phase)) {
        continue; // it finished meanwhile and answered itself
      }
      String reason =
          "the executor was stopped while running "
              + phase.command().data().phase().actionName()
              + "; abandoned after waiting "
              + wait
              + " (services it supervises keep running)";
      try {
        QuarkusTransaction.requiringNew()
            .run(() -> execution.abandon(phase.command(), phase.started(), reason));
        abandoned++;
        LOG.warnf("command %s: %s", phase.commandId(), reason);
      } catch (RuntimeException e) {
        // Not answered: the command is delivered again at the next start and answered then.
        LOG.errorf("command %s could not be answered as abandoned: %s", phase.commandId(), e);
      }
      phase.thread().interrupt();
    }
    return abandoned;
  }
}
