package io.ays.coordinator.domain;

import java.util.List;

/**
 * The result of checking and planning a request: the runs to carry out, in an order where each
 * comes after the runs it waits for (the requested instance's run among them), or why not.
 */
public record Preparation(List<PreparedRun> runs, Rejection rejection) {

  static Preparation of(List<PreparedRun> runs) {
    return new Preparation(List.copyOf(runs), null);
  }

  static Preparation rejected(Rejection rejection) {
    return new Preparation(List.of(), rejection);
  }

  public boolean accepted() {
    return rejection == null;
  }

  /** The run of the instance the request names. */
  public PreparedRun requested() {
    return runs.stream()
        .filter(r -> r.requiredBy() == null)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("a rejected request has no runs"));
  }
}
