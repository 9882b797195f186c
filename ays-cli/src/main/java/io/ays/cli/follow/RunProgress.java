package io.ays.cli.follow;

import io.ays.contracts.InstanceStateChanged;
import io.ays.contracts.RequestRejected;
import io.ays.contracts.StepFinished;
import io.ays.contracts.StepStarted;

/** Told by {@link RunTracker} of everything that happens to the followed request, in order. */
public interface RunProgress {

  void rejected(RequestRejected rejection);

  void accepted(TrackedRun run);

  void stepStarted(TrackedRun run, StepStarted step);

  /**
   * @param done steps finished so far, over every run of the request
   * @param total steps of every run of the request, as far as known
   */
  void stepFinished(TrackedRun run, StepFinished step, int done, int total);

  void stateChanged(InstanceStateChanged change);

  void runFinished(TrackedRun run);

  /** Progress that shows nothing (--json, --quiet). */
  static RunProgress silent() {
    return new RunProgress() {
      @Override
      public void rejected(RequestRejected rejection) {}

      @Override
      public void accepted(TrackedRun run) {}

      @Override
      public void stepStarted(TrackedRun run, StepStarted step) {}

      @Override
      public void stepFinished(TrackedRun run, StepFinished step, int done, int total) {}

      @Override
      public void stateChanged(InstanceStateChanged change) {}

      @Override
      public void runFinished(TrackedRun run) {}
    };
  }
}
