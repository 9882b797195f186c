package io.ays.cli.follow;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.InstanceStateChanged;
import io.ays.contracts.RequestRejected;
import io.ays.contracts.RunAccepted;
import io.ays.contracts.RunFinished;
import io.ays.contracts.StepFinished;
import io.ays.contracts.StepStarted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The state of one request as its events on {@code ays.service-events} tell it. The coordinator
 * gives every event of a request's chain the request's id as {@code correlationid} (its runs, the
 * runs of its dependencies, their steps, the state changes); the tracker takes those and ignores
 * the rest. Pure: no I/O, so that it is tested with hand-made events.
 */
public final class RunTracker {

  private final String requestId;
  private final RunProgress progress;
  private final Map<UUID, TrackedRun> runs = new LinkedHashMap<>();
  private RequestRejected rejection;
  private int expectedRuns;

  public RunTracker(String requestId, RunProgress progress) {
    this.requestId = requestId;
    this.progress = progress;
  }

  /** Takes one event; returns whether it belonged to the request. */
  public boolean accept(CloudEvent<?> event) {
    if (!requestId.equals(event.correlationId())) {
      return false;
    }
    Object data = event.data();
    if (data instanceof RequestRejected r) {
      rejection = r;
      progress.rejected(r);
    } else if (data instanceof RunAccepted a) {
      if (!runs.containsKey(a.runId())) {
        TrackedRun run = new TrackedRun(a);
        runs.put(a.runId(), run);
        progress.accepted(run);
      }
    } else if (data instanceof StepStarted s) {
      TrackedRun run = runs.get(s.runId());
      if (run != null) {
        progress.stepStarted(run, s);
      }
    } else if (data instanceof StepFinished f) {
      TrackedRun run = runs.get(f.runId());
      if (run != null) {
        if (!f.willRetry()) {
          run.stepDone();
        }
        progress.stepFinished(run, f, stepsDone(), stepsTotal());
      }
    } else if (data instanceof InstanceStateChanged c) {
      progress.stateChanged(c);
    } else if (data instanceof RunFinished f) {
      TrackedRun run = runs.get(f.runId());
      if (run != null && !run.isFinished()) {
        run.finish(f);
        progress.runFinished(run);
      }
    } else {
      return false;
    }
    return true;
  }

  /**
   * Whether the request is over: rejected, or every run of it finished. Runs of one request are
   * announced together, but on the partitions of their instances, so the follower also checks the
   * number of runs with the coordinator ({@link #expectRuns}) before it believes this.
   */
  public boolean done() {
    return rejection != null || allKnownRunsFinished() && runs.size() >= expectedRuns;
  }

  public boolean allKnownRunsFinished() {
    return !runs.isEmpty() && runs.values().stream().allMatch(TrackedRun::isFinished);
  }

  /** The coordinator says the request has {@code count} runs. */
  public void expectRuns(int count) {
    expectedRuns = count;
  }

  public int stepsDone() {
    return runs.values().stream().mapToInt(TrackedRun::stepsDone).sum();
  }

  public int stepsTotal() {
    return runs.values().stream().mapToInt(TrackedRun::stepsCounted).sum();
  }

  public String requestId() {
    return requestId;
  }

  public RequestRejected rejection() {
    return rejection;
  }

  public List<TrackedRun> runs() {
    return new ArrayList<>(runs.values());
  }

  /** Any run's id, to ask the coordinator for the whole request. */
  public UUID anyRunId() {
    return runs.isEmpty() ? null : runs.keySet().iterator().next();
  }

  /** Whether the request succeeded: accepted, and every run SUCCEEDED or UP_TO_DATE. */
  public boolean succeeded() {
    return rejection == null
        && !runs.isEmpty()
        && runs.values().stream()
            .allMatch(r -> r.isFinished() && r.finished().outcome().successful());
  }

  /** The runs that failed, the named instance's chain first as they came. */
  public List<TrackedRun> failedRuns() {
    return runs.values().stream()
        .filter(r -> r.isFinished() && !r.finished().outcome().successful())
        .toList();
  }

  /** The run that failed first at a step, which is the cause of the others' failure. */
  public TrackedRun rootFailure() {
    List<TrackedRun> failed = failedRuns();
    return failed.stream()
        .filter(r -> r.finished().failedStep() != null)
        .findFirst()
        .orElse(failed.isEmpty() ? null : failed.get(0));
  }
}
