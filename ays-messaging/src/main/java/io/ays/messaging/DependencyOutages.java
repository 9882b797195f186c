package io.ays.messaging;

import io.ays.messaging.TransientFailures.Dependency;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Waits out an unavailable dependency on behalf of a consumer: the consumer keeps the message it
 * holds (nothing is committed, dead-lettered or rejected), pauses with a growing backoff and tries
 * the same work again. The outages in progress are what the service's readiness reports ({@link
 * ConsumerReadiness}); each is logged once when it starts and once when it ends.
 */
@ApplicationScoped
public class DependencyOutages {

  private static final Logger LOG = Logger.getLogger(DependencyOutages.class);
  private static final long FIRST_PAUSE_MILLIS = 200;
  private static final long MAX_PAUSE_MILLIS = 5000;

  /** One consumer's wait: since when, for what, and the newest failure seen. */
  public record Outage(Dependency dependency, Instant since, String lastFailure, int attempts) {}

  private final Map<String, Outage> current = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastEnded = new ConcurrentHashMap<>();
  private final Clock clock;
  private volatile boolean stopping;

  public DependencyOutages(Clock clock) {
    this.clock = clock;
  }

  /**
   * Thrown instead of pausing when the service is stopping or the thread is interrupted: the
   * message held is neither handled nor dead-lettered, and stays uncommitted for the next start to
   * take up.
   */
  public static final class StoppedWhileWaiting extends RuntimeException {
    StoppedWhileWaiting(String consumer, Throwable failure) {
      super(consumer + ": stopped while waiting for a dependency", failure);
    }

    private StoppedWhileWaiting(String message) {
      super(message);
    }

    /**
     * For a consumer that declines a message because the service is stopping (the node-executor
     * takes no new phase then): the message is left uncommitted for the next start, as above.
     */
    public static StoppedWhileWaiting stopping(String consumer) {
      return new StoppedWhileWaiting(
          consumer + ": the service is stopping; the message is left for its next start");
    }
  }

  /**
   * Records that {@code consumer}'s work failed with {@code failure}, a {@linkplain
   * TransientFailures transient} one, and pauses before the next try.
   *
   * @throws StoppedWhileWaiting if the service is stopping or the thread is interrupted
   */
  public void pauseBeforeRetry(String consumer, RuntimeException failure) {
    Dependency dependency =
        TransientFailures.dependencyOf(failure).orElse(TransientFailures.Dependency.DATABASE);
    Outage outage =
        current.compute(
            consumer,
            (name, before) ->
                before == null
                    ? new Outage(dependency, Instant.now(clock), describe(failure), 1)
                    : new Outage(
                        dependency, before.since(), describe(failure), before.attempts() + 1));
    if (outage.attempts() == 1) {
      LOG.warnf(
          "%s: %s is unavailable (%s); holding the message and trying again until it is back",
          consumer, dependency.label(), outage.lastFailure());
    } else {
      LOG.debugf(
          "%s: still waiting for %s (try %d)", consumer, dependency.label(), outage.attempts());
    }
    if (stopping) {
      throw new StoppedWhileWaiting(consumer, failure);
    }
    try {
      Thread.sleep(pauseMillis(outage.attempts()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoppedWhileWaiting(consumer, failure);
    }
  }

  /** Says that {@code consumer}'s work went through: its outage, if it had one, is over. */
  public void recovered(String consumer) {
    if (current.isEmpty()) {
      return; // the usual case: no map write per message
    }
    Outage outage = current.remove(consumer);
    if (outage != null) {
      lastEnded.put(consumer, Instant.now(clock));
      LOG.infof(
          "%s: %s is back after %s (%d tries); going on",
          consumer,
          outage.dependency().label(),
          Duration.between(outage.since(), Instant.now(clock)),
          outage.attempts());
    }
  }

  /** Whether {@code consumer} is waiting for a dependency now. */
  public boolean waiting(String consumer) {
    return current.containsKey(consumer);
  }

  /** When the newest outage {@code consumer} waited out ended, if it ever had one. */
  public Optional<Instant> lastOutageEnded(String consumer) {
    return Optional.ofNullable(lastEnded.get(consumer));
  }

  /** The outages in progress, by consumer. */
  public Map<String, Outage> current() {
    return Map.copyOf(current);
  }

  /** 200 ms, doubling up to 5 s, half of it random so that several consumers do not beat as one. */
  static long pauseMillis(int attempt) {
    long pause = Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(attempt - 1, 10));
    return pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1);
  }

  private static String describe(Throwable failure) {
    Throwable root = failure;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.length() > 300 ? message.substring(0, 300) + "..." : message;
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }
}
