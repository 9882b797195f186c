package io.ays.cli.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.Phase;
import io.ays.contracts.Problem;
import io.ays.contracts.RequestAction;
import io.ays.contracts.StepOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunTrackerTest {

  private static final String DB = "e2e/db/main";
  private static final String APP = "e2e/app/main";

  private final Events events = new Events();
  private final StringWriter text = new StringWriter();
  private final RunTracker tracker =
      new RunTracker(events.requestId, new TextProgress(new PrintWriter(text)));

  @Test
  void followsOneRunToSuccessWithProgressAndSummary() {
    UUID run = UUID.randomUUID();
    tracker.accept(events.accepted(run, APP, Phase.INIT, Phase.STOP, Phase.START));
    tracker.accept(events.started(run, APP, 0, Phase.INIT, 1));
    tracker.accept(events.finished(run, APP, 0, Phase.INIT, StepOutcome.SUCCEEDED, null, false));
    tracker.accept(events.finished(run, APP, 1, Phase.STOP, StepOutcome.SKIPPED, "not up", false));
    tracker.accept(events.started(run, APP, 2, Phase.START, 1));
    assertThat(tracker.done()).isFalse();
    tracker.accept(events.finished(run, APP, 2, Phase.START, StepOutcome.SUCCEEDED, null, false));
    tracker.accept(events.runSucceeded(run, APP));

    assertThat(tracker.done()).isTrue();
    assertThat(tracker.succeeded()).isTrue();
    assertThat(text.toString())
        .contains("e2e/app/main: install accepted, 3 steps on local")
        .contains("e2e/app/main: init started on local")
        .contains("[1/3] e2e/app/main: init SUCCEEDED in 1.2s")
        .contains("[2/3] e2e/app/main: stop SKIPPED: not up")
        .contains("[3/3] e2e/app/main: start SUCCEEDED in 1.2s")
        .contains("e2e/app/main: install SUCCEEDED in 4.2s");

    RequestReport report = new RequestReport(RequestAction.INSTALL, APP, tracker);
    StringWriter summary = new StringWriter();
    report.printText(new PrintWriter(summary));
    assertThat(report.exitCode()).isZero();
    assertThat(report.failureLine()).isNull();
    assertThat(summary.toString()).contains("install e2e/app/main: SUCCEEDED (1 run, 3 steps)");
  }

  @Test
  void countsStepsOverEveryRunOfTheRequestAndRetriesOnce() {
    UUID db = UUID.randomUUID();
    UUID app = UUID.randomUUID();
    tracker.accept(events.accepted(db, DB, Phase.INIT, Phase.START));
    tracker.accept(events.accepted(app, APP, Phase.INIT, Phase.START));
    tracker.accept(events.finished(db, DB, 0, Phase.INIT, StepOutcome.SUCCEEDED, null, false));
    tracker.accept(
        events.finished(db, DB, 1, Phase.START, StepOutcome.FAILED, "port closed", true));
    tracker.accept(events.started(db, DB, 1, Phase.START, 2));
    tracker.accept(events.finished(db, DB, 1, Phase.START, StepOutcome.SUCCEEDED, null, false));

    assertThat(tracker.stepsDone()).isEqualTo(2);
    assertThat(tracker.stepsTotal()).isEqualTo(4);
    assertThat(text.toString())
        .contains("[1/4] e2e/db/main: init SUCCEEDED")
        .contains("[1/4] e2e/db/main: start FAILED in 1.2s, will retry: port closed")
        .contains("e2e/db/main: start started on local (attempt 2)")
        .contains("[2/4] e2e/db/main: start SUCCEEDED");
  }

  @Test
  void aFailureNamesTheServiceThePhaseAndTheReason() {
    UUID db = UUID.randomUUID();
    UUID app = UUID.randomUUID();
    tracker.accept(events.accepted(db, DB, Phase.INIT, Phase.START));
    tracker.accept(events.accepted(app, APP, Phase.INIT));
    tracker.accept(
        events.finished(
            db, DB, 1, Phase.START, StepOutcome.TIMED_OUT, "port 5432 never opened", false));
    // The dependent fails first on the wire: it waited for the dependency.
    tracker.accept(events.runFailed(app, APP, null, null, "dependency e2e/db/main failed"));
    assertThat(tracker.done()).isFalse();
    tracker.accept(
        events.runFailed(
            db, DB, 1, Phase.START, "start failed after 3 attempts: port 5432 never opened"));

    assertThat(tracker.done()).isTrue();
    RequestReport report = new RequestReport(RequestAction.INSTALL, APP, tracker);
    assertThat(report.outcome()).isEqualTo(RequestReport.Outcome.FAILED);
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(report.failureLine())
        .isEqualTo(
            "FAILED: e2e/db/main, phase start (step 1): start failed after 3 attempts: port 5432"
                + " never opened");
    StringWriter summary = new StringWriter();
    report.printText(new PrintWriter(summary));
    assertThat(summary.toString())
        .contains("install e2e/app/main: FAILED (2 runs, 1 step)")
        .containsPattern("e2e/db/main +install +FAILED")
        .containsPattern("e2e/app/main +install +FAILED .*dependency e2e/db/main failed");
    assertThat(report.json())
        .containsEntry("outcome", "FAILED")
        .extractingByKey("failure")
        .asString()
        .contains("phase=start");
  }

  @Test
  void aRejectionEndsTheRequestWithEveryProblem() {
    tracker.accept(
        events.rejected(
            "e2e/nope/main",
            "unknown template e2e/nope",
            new Problem("data.name", "no template e2e/nope")));
    assertThat(tracker.done()).isTrue();
    RequestReport report = new RequestReport(RequestAction.INSTALL, "e2e/nope/main", tracker);
    StringWriter summary = new StringWriter();
    report.printText(new PrintWriter(summary));
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(summary.toString())
        .contains("REJECTED: install e2e/nope/main: unknown template e2e/nope")
        .contains("  data.name: no template e2e/nope");
    assertThat(report.json()).containsEntry("outcome", "REJECTED");
  }

  @Test
  void eventsOfOtherRequestsAreIgnored() {
    Events other = new Events();
    assertThat(tracker.accept(other.accepted(UUID.randomUUID(), APP, Phase.INIT))).isFalse();
    assertThat(tracker.runs()).isEmpty();
    assertThat(text.toString()).isEmpty();
  }

  @Test
  void runsTheCoordinatorKnowsOfAreAwaited() {
    UUID db = UUID.randomUUID();
    tracker.accept(events.accepted(db, DB, Phase.INIT));
    tracker.accept(events.runSucceeded(db, DB));
    tracker.expectRuns(2);
    assertThat(tracker.done()).isFalse();
    UUID app = UUID.randomUUID();
    tracker.accept(events.accepted(app, APP, Phase.INIT));
    tracker.accept(events.runSucceeded(app, APP));
    assertThat(tracker.done()).isTrue();
  }

  @Test
  void theCounterIsAlignedToTheTotal() {
    assertThat(TextProgress.counter(3, 12)).isEqualTo("[ 3/12]");
    assertThat(TextProgress.counter(12, 12)).isEqualTo("[12/12]");
  }
}
