package io.ays.executor.metrics;

import io.ays.executor.container.ContainerSupervisor;
import io.ays.executor.process.ProcessExit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The node-executor's series about the containers it supervises, beside those of its processes:
 * {@code ays.executor.containers} by state and {@code ays.executor.container.exits} by cause, and
 * their restarts in {@code ays.executor.restarts} ({@link RestartTracker}). Series of their own
 * rather than a label on the process series, so that the existing series keep their labels and
 * values (a dashboard summing {@code ays_executor_processes} still counts processes). Reading them
 * never asks the engine: a node that runs no container never opens its socket.
 */
public final class ContainerMeters {

  private final Counter crashed;
  private final Counter stopped;

  /**
   * @param restarts counts a container started for an instance whose container had crashed, as it
   *     counts processes
   */
  public ContainerMeters(
      MeterRegistry registry, ContainerSupervisor containers, RestartTracker restarts) {
    Gauge.builder("ays.executor.containers", containers, ContainerSupervisor::runningCount)
        .description("Containers the executor supervises: running, or exited and not removed")
        .tag("state", "running")
        .register(registry);
    Gauge.builder("ays.executor.containers", containers, ContainerSupervisor::exitedCount)
        .description("Containers the executor supervises: running, or exited and not removed")
        .tag("state", "exited")
        .register(registry);
    crashed = exits(registry, "crashed");
    stopped = exits(registry, "stopped");
    containers.onExit(this::exited);
    containers.onExit(restarts::exited);
    containers.onStart(run -> restarts.started(run.instanceKey()));
  }

  private static Counter exits(MeterRegistry registry, String cause) {
    return Counter.builder("ays.executor.container.exits")
        .description("Supervised containers that ended: stopped by the executor, or crashed")
        .tag("cause", cause)
        .register(registry);
  }

  private void exited(ProcessExit exit) {
    (exit.expected() ? stopped : crashed).increment();
  }
}
