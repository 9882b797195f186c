package io.ays.cli.follow;

import io.ays.cli.kafka.EventStream;
import io.ays.cli.kafka.ReceivedEvent;
import io.ays.contracts.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads {@code ays.service-events} into a {@link RunTracker} until the request is over or the time
 * is up. When every run it has seen has finished, it asks the coordinator how many runs the request
 * has (runs of dependencies are announced on their own instances' partitions and may come later);
 * if the coordinator cannot be asked, the runs seen are taken as all.
 */
public final class RunFollower {

  private static final Duration POLL = Duration.ofMillis(500);

  /** After this long without an answer, say that the coordinator may not be there. */
  private static final Duration QUIET_HINT = Duration.ofSeconds(20);

  private final EventStream stream;
  private final Function<UUID, Optional<Integer>> runsOfRequest;
  private final PrintWriter err;

  /**
   * @param runsOfRequest the number of runs of the request a run belongs to, from the coordinator;
   *     empty if it cannot be asked
   * @param err where hints go (the coordinator is silent)
   */
  public RunFollower(
      EventStream stream, Function<UUID, Optional<Integer>> runsOfRequest, PrintWriter err) {
    this.stream = stream;
    this.runsOfRequest = runsOfRequest;
    this.err = err;
  }

  /**
   * Follows until the request is over; returns false if {@code timeout} (null: none) passed first.
   */
  public boolean follow(RunTracker tracker, Duration timeout) {
    long start = System.nanoTime();
    Long deadline = timeout == null ? null : start + timeout.toNanos();
    boolean hinted = false;
    int confirmedFor = -1;
    while (true) {
      for (ReceivedEvent received : stream.poll(POLL)) {
        if (received.valid() && Topics.SERVICE_EVENTS.equals(received.topic())) {
          tracker.accept(received.event());
        }
      }
      if (tracker.rejection() != null) {
        return true;
      }
      int seen = tracker.runs().size();
      if (tracker.allKnownRunsFinished() && seen != confirmedFor) {
        confirmedFor = seen;
        tracker.expectRuns(runsOfRequest.apply(tracker.anyRunId()).orElse(0));
      }
      if (tracker.done()) {
        return true;
      }
      long now = System.nanoTime();
      if (!hinted && tracker.runs().isEmpty() && now - start > QUIET_HINT.toNanos()) {
        hinted = true;
        err.println(
            "ays: no answer to the request yet after "
                + QUIET_HINT.toSeconds()
                + "s; is the lifecycle-coordinator running (./ays ps)? still waiting...");
        err.flush();
      }
      if (deadline != null && now > deadline) {
        return false;
      }
      if (Thread.currentThread().isInterrupted()) {
        return false;
      }
    }
  }
}
