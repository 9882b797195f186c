package io.ays.executor.health;

import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.HealthReport;
import io.ays.contracts.HealthSource;
import io.ays.contracts.HealthStatus;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.Topics;
import io.ays.executor.action.ActionContext;
import io.ays.executor.action.ConfigViews;
import io.ays.executor.action.RunningInstances;
import io.ays.executor.config.ExecutorConfig;
import io.ays.executor.container.ContainerRun;
import io.ays.executor.container.ContainerSupervisor;
import io.ays.executor.process.ProcessExit;
import io.ays.executor.process.ProcessSupervisor;
import io.ays.executor.process.SupervisedProcess;
import io.ays.messaging.Outbox;
import io.ays.messaging.tracing.MessageSpans;
import io.opentelemetry.api.common.AttributeKey;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reports the health of the instances this node runs on {@code ays.health}: a crash of a supervised
 * process at once, and every instance's {@code monitor} action ({@link MonitorCheck}) periodically:
 * UP, DEGRADED or DOWN with the reason.
 */
@ApplicationScoped
public class HealthReporter {

  private static final Logger LOG = Logger.getLogger(HealthReporter.class);
  private static final AttributeKey<String> PROCESS = AttributeKey.stringKey("ays.process");

  private final ProcessSupervisor supervisor;
  private final ContainerSupervisor containers;
  private final RunningInstances running;
  private final MonitorCheck monitor;
  private final Outbox outbox;
  private final EventFactory events;
  private final EventCodec codec;
  private final Topics topics;
  private final ExecutorConfig config;
  private final Clock clock;
  private final MessageSpans spans;
  private ScheduledExecutorService scheduler;

  public HealthReporter(
      ProcessSupervisor supervisor,
      ContainerSupervisor containers,
      RunningInstances running,
      MonitorCheck monitor,
      Outbox outbox,
      EventFactory events,
      EventCodec codec,
      Topics topics,
      ExecutorConfig config,
      Clock clock,
      MessageSpans spans) {
    this.supervisor = supervisor;
    this.containers = containers;
    this.running = running;
    this.monitor = monitor;
    this.outbox = outbox;
    this.events = events;
    this.codec = codec;
    this.topics = topics;
    this.config = config;
    this.clock = clock;
    this.spans = spans;
  }

  void onStart(@Observes StartupEvent event) {
    supervisor.onExit(this::onProcessExit);
    containers.onExit(this::onProcessExit);
    try {
      adoptAfterRestart();
    } catch (RuntimeException e) {
      LOG.errorf(e, "could not adopt the processes of the previous run");
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "ays-monitor-checks");
              thread.setDaemon(true);
              return thread;
            });
    long every = config.monitorInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::monitorAll, every, every, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  /**
   * Takes over the processes the executor's previous run started, and says what became of them: an
   * instance whose processes all survived is reported by its check (UP, source MONITOR); a process
   * that ended while the executor was away is reported DOWN at once (source PROCESS_EXIT, exit
   * status unknown). Nothing is started again: the next start finds them up.
   */
  private void adoptAfterRestart() {
    ProcessSupervisor.Adoption found = supervisor.adopt();
    for (SupervisedProcess process : found.adopted()) {
      LOG.infof(
          "%s: re-adopted %s (pid %d) after a restart",
          process.instanceKey(), process.name(), process.pid());
    }
    for (SupervisedProcess gone : found.gone()) {
      if (running.isRunning(gone.instanceKey())) {
        Optional<RunningInstances.Chain> chain = running.chainOf(gone.instanceKey());
        running.stopped(gone.instanceKey());
        report(
            chain,
            new HealthReport(
                InstanceKey.parse(gone.instanceKey()),
                NodeId.of(config.nodeId()),
                HealthStatus.DOWN,
                HealthSource.PROCESS_EXIT,
                gone.name(),
                gone.pid(),
                null,
                gone.name() + " ended while the executor was not running",
                io.ays.executor.process.LogTail.of(java.nio.file.Path.of(gone.logFile()), 4096),
                Instant.now(clock)));
      }
    }
    adoptContainers();
    monitorAll(); // the current state of every instance this node runs, at once
  }

  /**
   * Takes over the running containers of this node, if an instance recorded as running has one: the
   * engine is only asked then, so a node without containers never opens its socket. A container
   * that ended meanwhile is found DOWN by the monitor check that follows.
   */
  private void adoptContainers() {
    boolean anyContainer =
        running.all().stream()
            .anyMatch(
                context -> {
                  try {
                    return ConfigViews.processes(context).stream()
                        .anyMatch(p -> p.container().isPresent());
                  } catch (RuntimeException e) {
                    return false;
                  }
                });
    if (!anyContainer) {
      return;
    }
    try {
      for (ContainerRun run :
          containers.adopt(
              key ->
                  running.get(key) != null
                      ? running.get(key).logDir()
                      : config.dataDir().resolve("logs"))) {
        LOG.infof(
            "%s: re-adopted the container of %s (%s) after a restart",
            run.instanceKey(), run.label(), run.containerId().substring(0, 12));
      }
    } catch (RuntimeException e) {
      LOG.errorf("could not adopt the containers of the previous run: %s", e.getMessage());
    }
  }

  /** A supervised process ended on its own: its instance is down, say so now. */
  void onProcessExit(ProcessExit exit) {
    if (exit.expected() || !running.isRunning(exit.process().instanceKey())) {
      return;
    }
    Optional<RunningInstances.Chain> chain = running.chainOf(exit.process().instanceKey());
    running.stopped(exit.process().instanceKey());
    // A heal's trace starts here: the monitor's decision and the restart run continue this span.
    spans.resuming(
        "report crash",
        null,
        chain.map(RunningInstances.Chain::correlationId).orElse(null),
        Map.of(
            MessageSpans.INSTANCE_KEY,
            exit.process().instanceKey(),
            MessageSpans.NODE,
            config.nodeId(),
            PROCESS,
            exit.process().name()),
        () -> reportExit(exit, chain));
  }

  private void reportExit(ProcessExit exit, Optional<RunningInstances.Chain> chain) {
    report(
        chain,
        new HealthReport(
            InstanceKey.parse(exit.process().instanceKey()),
            NodeId.of(config.nodeId()),
            HealthStatus.DOWN,
            HealthSource.PROCESS_EXIT,
            exit.process().name(),
            exit.process().pid(),
            exit.exitCode(),
            exit.exitCode() == null
                ? exit.process().name() + " exited (status unknown: adopted after a restart)"
                : exit.process().name() + " exited with status " + exit.exitCode(),
            exit.outputTail(),
            Instant.now(clock)));
  }

  private void monitorAll() {
    try {
      supervisor.rotateLogs();
    } catch (RuntimeException e) {
      LOG.warnf("log rotation failed: %s", e.getMessage());
    }
    List<HealthReport> reports = new ArrayList<>();
    for (ActionContext context : running.all()) {
      try {
        MonitorCheck.Verdict verdict = monitor.check(context);
        if (!running.isRunning(context.instanceKey())) {
          continue; // stopped (or crashed and reported) while its monitor ran
        }
        reports.add(
            new HealthReport(
                context.command().instanceKey(),
                NodeId.of(config.nodeId()),
                verdict.status(),
                HealthSource.MONITOR,
                null,
                null,
                null,
                verdict.reason(),
                verdict.outputTail(),
                Instant.now(clock)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warnf("monitor check of %s failed: %s", context.instanceKey(), e.getMessage());
      }
    }
    try {
      report(reports);
    } catch (RuntimeException e) {
      LOG.warnf("monitor reports of %d instance(s) not stored: %s", reports.size(), e.getMessage());
    }
  }

  private void report(Optional<RunningInstances.Chain> chain, HealthReport report) {
    store(List.of(report), List.of(encode(chain, report)));
  }

  /**
   * A report continues the chain of the command that found its instance up (the install or restart
   * that started it), so a crash, the restart it causes and that restart's runs are one chain; a
   * report of an instance with no known chain (recorded before chains were kept) starts one.
   */
  private String encode(Optional<RunningInstances.Chain> chain, HealthReport report) {
    return codec.encode(
        chain
            .map(
                c ->
                    events.causedBy(
                        c.causeId(), c.correlationId(), EventType.HEALTH_REPORT, report))
            .orElseGet(() -> events.create(EventType.HEALTH_REPORT, report)));
  }

  /** Stores the reports in one transaction: a monitor round of many instances is one commit. */
  private void report(List<HealthReport> reports) {
    if (reports.isEmpty()) {
      return;
    }
    List<String> encoded = new ArrayList<>();
    reports.forEach(r -> encoded.add(encode(running.chainOf(r.instanceKey().toString()), r)));
    store(reports, encoded);
  }

  private void store(List<HealthReport> reports, List<String> encoded) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (int i = 0; i < reports.size(); i++) {
                outbox.enqueue(
                    topics.health(), reports.get(i).instanceKey().toString(), encoded.get(i));
              }
            });
  }
}
