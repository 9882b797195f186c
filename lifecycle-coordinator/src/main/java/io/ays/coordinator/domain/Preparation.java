package io.ays.coordinator.domain;

/** The result of checking and planning a request: a run to carry out, or why not. */
public record Preparation(PreparedRun run, Rejection rejection) {

  static Preparation of(PreparedRun run) {
    return new Preparation(run, null);
  }

  static Preparation rejected(Rejection rejection) {
    return new Preparation(null, rejection);
  }

  public boolean accepted() {
    return run != null;
  }
}
