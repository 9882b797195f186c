package io.ays.monitor.domain;

import io.ays.contracts.HealthSource;
import io.ays.contracts.InstanceState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, without side effects, whether a DOWN report leads to a restart, and whether a scheduled
 * restart is still wanted when it falls due. The {@link RestartPolicy} says when; this class says
 * whether at all.
 */
public final class RestartDecider {

  private final RestartPolicy policy;

  public RestartDecider(RestartPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  public RestartPolicy policy() {
    return policy;
  }

  /**
   * The verdict on a DOWN report.
   *
   * @param crash what went down, for the restart's reason, e.g. {@code exit 137 (process.1)}
   */
  public CrashVerdict onDown(
      SupervisionState state, HealthSource source, String crash, Instant now) {
    if (source == HealthSource.CHECK) {
      // A check during a run: the coordinator drives that run and decides about its failure.
      return CrashVerdict.ignore("a check of a run, not a crash");
    }
    return onLoss(state, "crash: " + crash, now);
  }

  /**
   * The verdict on an instance whose node came back after being silent: whatever ran there may have
   * died with the node, so an instance that should run is restarted, counted like a crash.
   *
   * @param what e.g. {@code node node7 came back after 42 s without heartbeats}
   */
  public CrashVerdict onNodeBack(SupervisionState state, String what, Instant now) {
    return onLoss(state, what, now);
  }

  private CrashVerdict onLoss(SupervisionState state, String what, Instant now) {
    if (state.failed()) {
      return CrashVerdict.ignore("FAILED: the monitor gave up; waiting for a person to start it");
    }
    if (state.lifecycle() != InstanceState.RUNNING) {
      return CrashVerdict.ignore(
          "lifecycle state is " + state.lifecycle() + ", not RUNNING: it is not meant to run");
    }
    // One restart at a time: a crash loop must not flood the coordinator with requests.
    if (state.restartPending()) {
      return CrashVerdict.ignore("a restart is already scheduled");
    }
    if (state.restartInProgress()) {
      return CrashVerdict.ignore("a restart is in progress");
    }
    RestartDecision decision = policy.onCrash(state.history(), now);
    if (!decision.restart()) {
      return CrashVerdict.giveUp(decision.attempt(), decision.reason() + "; last " + what);
    }
    return CrashVerdict.restart(
        decision.restartAt(),
        decision.attempt(),
        "restart #" + decision.attempt() + " after " + what);
  }

  /** Why a restart that fell due must not be sent any more; empty if it should be sent. */
  public Optional<String> cancellation(SupervisionState state) {
    if (state.failed()) {
      return Optional.of("the instance is FAILED");
    }
    if (state.lifecycle() != InstanceState.RUNNING) {
      // Someone stopped, reconfigured or uninstalled it meanwhile: their request wins.
      return Optional.of("lifecycle state is now " + state.lifecycle() + ", not RUNNING");
    }
    return Optional.empty();
  }
}
