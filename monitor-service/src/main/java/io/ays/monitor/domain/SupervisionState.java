package io.ays.monitor.domain;

import io.ays.contracts.InstanceState;

/**
 * What the restart decision needs to know of an instance, read from its stored state.
 *
 * @param lifecycle the last lifecycle state the coordinator announced; null if none was seen
 * @param restartPending a restart is scheduled and not yet sent
 * @param restartInProgress a restart request was sent and no lifecycle change answered it yet
 * @param failed the monitor gave up on it
 * @param history the restarts so far and when it last became healthy
 */
public record SupervisionState(
    InstanceState lifecycle,
    boolean restartPending,
    boolean restartInProgress,
    boolean failed,
    RestartHistory history) {

  /** The one-word summary for operators. */
  public Supervision supervision() {
    if (failed) {
      return Supervision.FAILED;
    }
    if (restartPending) {
      return Supervision.RESTART_PENDING;
    }
    if (restartInProgress) {
      return Supervision.RESTARTING;
    }
    return lifecycle == InstanceState.RUNNING ? Supervision.WATCHING : Supervision.UNSUPERVISED;
  }
}
