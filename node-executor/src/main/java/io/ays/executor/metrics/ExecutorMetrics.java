package io.ays.executor.metrics;

import io.ays.contracts.Phase;
import io.ays.contracts.PhaseOutcome;
import io.ays.executor.container.ContainerSupervisor;
import io.ays.executor.persistence.CommandJournal;
import io.ays.executor.process.ProcessExit;
import io.ays.executor.process.ProcessSupervisor;
import io.ays.messaging.DurationBuckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The node-executor's Prometheus series: supervised processes by state, their exits (stopped by the
 * executor or crashed) and restarts (a process or container started again for an instance whose
 * process or container had crashed), the containers it supervises ({@link ContainerMeters}), the
 * phases it ran as a histogram by phase and outcome, and the size of its command journal. Labels
 * are enum words only; an instance key would make a series per instance without bound (they are in
 * {@code ays.health} and the coordinator's REST API).
 */
@Startup
@ApplicationScoped
public class ExecutorMetrics {

  private static final Logger LOG = Logger.getLogger(ExecutorMetrics.class);

  private final MeterRegistry registry;
  private final RestartTracker restarts;
  private final Counter crashed;
  private final Counter stopped;

  public ExecutorMetrics(
      MeterRegistry registry,
      ProcessSupervisor supervisor,
      ContainerSupervisor containers,
      CommandJournal journal) {
    this.registry = registry;
    for (boolean alive : new boolean[] {true, false}) {
      Gauge.builder(
              "ays.executor.processes",
              supervisor,
              s -> s.all().stream().filter(p -> p.isAlive() == alive).count())
          .description("Processes the executor supervises: running, or exited and not forgotten")
          .tag("state", alive ? "running" : "exited")
          .register(registry);
    }
    // One series, value 1, whose label says how services are contained (cgroup2 or session).
    Gauge.builder("ays.executor.containment", () -> 1)
        .description("How the executor contains each service: cgroup2, or its session (fallback)")
        .tag("mode", supervisor.containment().label())
        .register(registry);
    restarts = new RestartTracker(registry);
    crashed = exits("crashed");
    stopped = exits("stopped");
    Gauge.builder("ays.executor.command.journal", journal, ExecutorMetrics::journalSize)
        .description("Entries in the command journal (forgotten after the messaging retention)")
        .baseUnit("entries")
        .register(registry);
    supervisor.onExit(this::exited);
    supervisor.onStart(process -> restarts.started(process.instanceKey()));
    new ContainerMeters(registry, containers, restarts);
  }

  /** A phase command was carried out with {@code outcome}, taking {@code duration}. */
  public void phaseRan(Phase phase, PhaseOutcome outcome, Duration duration) {
    Timer.builder("ays.executor.phase.duration")
        .description("How long the executor took to carry out a phase, by its outcome")
        .tag("phase", phase.actionName())
        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .serviceLevelObjectives(DurationBuckets.upTo(Duration.ofHours(1)))
        .register(registry)
        .record(duration);
  }

  private Counter exits(String cause) {
    return Counter.builder("ays.executor.process.exits")
        .description("Supervised processes that ended: stopped by the executor, or crashed")
        .tag("cause", cause)
        .register(registry);
  }

  private void exited(ProcessExit exit) {
    (exit.expected() ? stopped : crashed).increment();
    restarts.exited(exit);
  }

  private static double journalSize(CommandJournal journal) {
    try {
      return journal.size();
    } catch (RuntimeException e) {
      LOG.debugf("command journal not counted: %s", e.getMessage());
      return Double.NaN;
    }
  }
}
