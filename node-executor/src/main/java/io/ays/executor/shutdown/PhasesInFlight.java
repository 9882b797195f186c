package io.ays.executor.shutdown;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.PhaseCommand;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The phases this executor is running now, so that a shutdown can wait for them or answer them as
 * abandoned. Each phase is answered exactly once: by whoever {@link #claim}s it first, the thread
 * that ran it or the shutdown that gave up waiting for it.
 */
@ApplicationScoped
public class PhasesInFlight {

  /** One running phase: its command, the thread that runs it, and when it began. */
  public record Running(CloudEvent<PhaseCommand> command, Thread thread, Instant started) {
    String commandId() {
      return command.data().commandId();
    }
  }

  // A set, not a map by command id: a redelivery of a command still running is a second entry.
  private final Set<Running> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Records that the current thread begins {@code command}; empty once the executor is stopping,
   * when no phase may begin.
   */
  public Optional<Running> begin(CloudEvent<PhaseCommand> command, Instant started) {
    Running phase = new Running(command, Thread.currentThread(), started);
    running.add(phase);
    // Checked after the put: a close that did not see this phase is seen here, and vice versa.
    if (closed) {
      running.remove(phase);
      return Optional.empty();
    }
    return Optional.of(phase);
  }

  /**
   * Takes the right to answer {@code phase}.
   *
   * @return false if it was answered already (the shutdown abandoned it): the caller must not
   *     answer it again
   */
  public boolean claim(Running phase) {
    return running.remove(phase);
  }

  /** No new phase may begin: the executor is stopping. */
  void close() {
    closed = true;
  }

  List<Running> now() {
    return List.copyOf(running);
  }

  boolean isEmpty() {
    return running.isEmpty();
  }
}
