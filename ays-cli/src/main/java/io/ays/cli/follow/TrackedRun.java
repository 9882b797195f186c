package io.ays.cli.follow;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.RunAccepted;
import io.ays.contracts.RunFinished;
import java.util.UUID;

/** What the CLI knows of one run of the request it follows. */
public final class TrackedRun {

  private final RunAccepted accepted;
  private int stepsDone;
  private RunFinished finished;

  TrackedRun(RunAccepted accepted) {
    this.accepted = accepted;
  }

  public UUID runId() {
    return accepted.runId();
  }

  public InstanceKey instanceKey() {
    return accepted.instanceKey();
  }

  public RunAccepted accepted() {
    return accepted;
  }

  public int plannedSteps() {
    return accepted.plan().size();
  }

  public int stepsDone() {
    return stepsDone;
  }

  void stepDone() {
    stepsDone++;
  }

  /** Steps this run counts for in "k/n": its plan, or once it ended, the steps it did. */
  int stepsCounted() {
    return finished == null ? Math.max(plannedSteps(), stepsDone) : stepsDone;
  }

  public boolean isFinished() {
    return finished != null;
  }

  /** How it ended; null while it runs. */
  public RunFinished finished() {
    return finished;
  }

  void finish(RunFinished finished) {
    this.finished = finished;
  }
}
