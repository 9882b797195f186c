package io.ays.monitor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.HealthReport;
import io.ays.contracts.HealthSource;
import io.ays.contracts.HealthStatus;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.InstanceState;
import io.ays.contracts.NodeId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestartDeciderTest {

  private static final Instant NOW = Instant.parse("2025-05-01T10:00:00Z");
  private static final RestartDecider DECIDER = new RestartDecider(RestartPolicy.DEFAULT);

  private static SupervisionState running(int consecutive, Instant upSince) {
    return new SupervisionState(
        InstanceState.RUNNING, false, false, false, new RestartHistory(consecutive, upSince));
  }

  @Test
  void restartsARunningInstanceAtOnceAfterItsFirstCrash() {
    CrashVerdict verdict =
        DECIDER.onDown(running(0, null), HealthSource.PROCESS_EXIT, "exit 137 (process.1)", NOW);

    assertThat(verdict.kind()).isEqualTo(CrashVerdict.Kind.RESTART);
    assertThat(verdict.restartAt()).isEqualTo(NOW);
    assertThat(verdict.attempt()).isEqualTo(1);
    assertThat(verdict.reason()).isEqualTo("restart #1 after crash: exit 137 (process.1)");
  }

  @Test
  void backsOffOnConsecutiveCrashesAndStartsOverAfterAStableRun() {
    CrashVerdict third = DECIDER.onDown(running(2, null), HealthSource.MONITOR, "x", NOW);
    CrashVerdict afterStableRun =
        DECIDER.onDown(
            running(2, NOW.minus(Duration.ofMinutes(11))), HealthSource.MONITOR, "x", NOW);

    assertThat(third.restartAt()).isEqualTo(NOW.plusSeconds(20));
    assertThat(third.attempt()).isEqualTo(3);
    assertThat(afterStableRun.attempt()).isEqualTo(1);
  }

  @Test
  void givesUpAtTheLimitAndSaysWhy() {
    CrashVerdict verdict =
        DECIDER.onDown(running(10, null), HealthSource.PROCESS_EXIT, "exit 1 (process.1)", NOW);

    assertThat(verdict.kind()).isEqualTo(CrashVerdict.Kind.GIVE_UP);
    assertThat(verdict.reason())
        .startsWith("gave up after 10 consecutive restarts (limit 10)")
        .endsWith("last crash: exit 1 (process.1)");
  }

  @Test
  void restartsOnlyWhatIsMeantToRun() {
    for (InstanceState state : InstanceState.values()) {
      if (state == InstanceState.RUNNING) {
        continue;
      }
      SupervisionState notRunning =
          new SupervisionState(state, false, false, false, RestartHistory.NONE);
      assertThat(DECIDER.onDown(notRunning, HealthSource.PROCESS_EXIT, "x", NOW).kind())
          .as("lifecycle %s", state)
          .isEqualTo(CrashVerdict.Kind.IGNORE);
    }
    SupervisionState unknown = new SupervisionState(null, false, false, false, RestartHistory.NONE);
    assertThat(DECIDER.onDown(unknown, HealthSource.PROCESS_EXIT, "x", NOW).kind())
        .isEqualTo(CrashVerdict.Kind.IGNORE);
  }

  @Test
  void schedulesOneRestartAtATime() {
    SupervisionState pending =
        new SupervisionState(InstanceState.RUNNING, true, false, false, RestartHistory.NONE);
    SupervisionState inProgress =
        new SupervisionState(InstanceState.RUNNING, false, true, false, RestartHistory.NONE);
    SupervisionState failed =
        new SupervisionState(InstanceState.RUNNING, false, false, true, RestartHistory.NONE);

    assertThat(DECIDER.onDown(pending, HealthSource.PROCESS_EXIT, "x", NOW).reason())
        .isEqualTo("a restart is already scheduled");
    assertThat(DECIDER.onDown(inProgress, HealthSource.PROCESS_EXIT, "x", NOW).reason())
        .isEqualTo("a restart is in progress");
    assertThat(DECIDER.onDown(failed, HealthSource.PROCESS_EXIT, "x", NOW).kind())
        .isEqualTo(CrashVerdict.Kind.IGNORE);
  }

  @Test
  void restartsWhatShouldRunWhenItsNodeComesBackCountingItLikeACrash() {
    String what = "node node7 came back after 42 s without heartbeats";
    CrashVerdict first = DECIDER.onNodeBack(running(0, null), what, NOW);
    CrashVerdict atLimit = DECIDER.onNodeBack(running(10, null), what, NOW);
    CrashVerdict stopped =
        DECIDER.onNodeBack(
            new SupervisionState(InstanceState.STOPPED, false, false, false, RestartHistory.NONE),
            what,
            NOW);

    assertThat(first.kind()).isEqualTo(CrashVerdict.Kind.RESTART);
    assertThat(first.reason()).isEqualTo("restart #1 after " + what);
    assertThat(atLimit.kind()).isEqualTo(CrashVerdict.Kind.GIVE_UP);
    assertThat(atLimit.reason()).endsWith("; last " + what);
    assertThat(stopped.kind()).isEqualTo(CrashVerdict.Kind.IGNORE);
  }

  @Test
  void leavesFailedChecksOfARunToTheCoordinator() {
    assertThat(DECIDER.onDown(running(0, null), HealthSource.CHECK, "x", NOW).kind())
        .isEqualTo(CrashVerdict.Kind.IGNORE);
  }

  @Test
  void cancelsADueRestartOfAnInstanceNoLongerMeantToRun() {
    SupervisionState stopped =
        new SupervisionState(InstanceState.STOPPING, true, false, false, RestartHistory.NONE);
    SupervisionState stillRunning =
        new SupervisionState(InstanceState.RUNNING, true, false, false, RestartHistory.NONE);

    assertThat(DECIDER.cancellation(stopped))
        .contains("lifecycle state is now STOPPING, not RUNNING");
    assertThat(DECIDER.cancellation(stillRunning)).isEmpty();
  }

  @Test
  void describesCrashesForPeople() {
    assertThat(CrashDescription.of(report(HealthSource.PROCESS_EXIT, 137, "process.1", null)))
        .isEqualTo("exit 137 (process.1)");
    assertThat(CrashDescription.of(report(HealthSource.MONITOR, null, null, "port 80 closed")))
        .isEqualTo("monitor check: port 80 closed");
  }

  @Test
  void summarisesWhatTheMonitorDoesForOperators() {
    assertThat(running(0, null).supervision()).isEqualTo(Supervision.WATCHING);
    assertThat(
            new SupervisionState(InstanceState.RUNNING, true, false, false, RestartHistory.NONE)
                .supervision())
        .isEqualTo(Supervision.RESTART_PENDING);
    assertThat(
            new SupervisionState(InstanceState.STOPPED, false, false, false, RestartHistory.NONE)
                .supervision())
        .isEqualTo(Supervision.UNSUPERVISED);
  }

  private static HealthReport report(
      HealthSource source, Integer exitCode, String process, String message) {
    return new HealthReport(
        InstanceKey.parse("d/n/main"),
        NodeId.of("node7"),
        HealthStatus.DOWN,
        source,
        process,
        null,
        exitCode,
        message,
        null,
        NOW);
  }
}
