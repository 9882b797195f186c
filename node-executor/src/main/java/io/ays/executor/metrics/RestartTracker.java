package io.ays.executor.metrics;

import io.ays.executor.process.ProcessExit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code ays.executor.restarts}: a process or container started for an instance whose process or
 * container had crashed, and was not started since, is a restart (the monitor's heal, or a person's
 * start after a crash).
 */
public final class RestartTracker {

  private final Counter restarts;

  /** Instances whose process or container crashed and has not been started again since. */
  private final Set<String> crashedInstances = ConcurrentHashMap.newKeySet();

  public RestartTracker(MeterRegistry registry) {
    restarts =
        Counter.builder("ays.executor.restarts")
            .description(
                "Processes or containers started again for an instance whose process or container"
                    + " had crashed")
            .register(registry);
  }

  /** A process or container of an instance ended; a crash makes its next start a restart. */
  public void exited(ProcessExit exit) {
    if (!exit.expected()) {
      crashedInstances.add(exit.process().instanceKey());
    }
  }

  /** A process or container of {@code instanceKey} was started. */
  public void started(String instanceKey) {
    if (crashedInstances.remove(instanceKey)) {
      restarts.increment();
    }
  }
}
