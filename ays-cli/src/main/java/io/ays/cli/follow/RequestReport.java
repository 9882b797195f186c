package io.ays.cli.follow;

import io.ays.cli.ExitCodes;
import io.ays.cli.output.Durations;
import io.ays.cli.output.JsonOutput;
import io.ays.cli.output.Table;
import io.ays.contracts.Problem;
import io.ays.contracts.RequestAction;
import io.ays.contracts.RunFinished;
import io.ays.contracts.RunOutcome;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end of a followed request: one summary (text or JSON) and the exit code. A failure names the
 * service, the phase and the reason of the run that failed first at a step, since the others
 * usually failed because of it.
 */
public final class RequestReport {

  /** The request's overall outcome. */
  public enum Outcome {
    SUCCEEDED,
    UP_TO_DATE,
    FAILED,
    REJECTED
  }

  private final RequestAction action;
  private final String instanceKey;
  private final RunTracker tracker;

  public RequestReport(RequestAction action, String instanceKey, RunTracker tracker) {
    this.action = action;
    this.instanceKey = instanceKey;
    this.tracker = tracker;
  }

  public Outcome outcome() {
    if (tracker.rejection() != null) {
      return Outcome.REJECTED;
    }
    if (!tracker.succeeded()) {
      return Outcome.FAILED;
    }
    boolean allUpToDate =
        tracker.runs().stream().allMatch(r -> r.finished().outcome() == RunOutcome.UP_TO_DATE);
    return allUpToDate ? Outcome.UP_TO_DATE : Outcome.SUCCEEDED;
  }

  public int exitCode() {
    return switch (outcome()) {
      case SUCCEEDED, UP_TO_DATE -> ExitCodes.OK;
      case FAILED, REJECTED -> ExitCodes.FAILED;
    };
  }

  /** The one line that says what failed; null when nothing did. */
  public String failureLine() {
    if (tracker.rejection() != null) {
      return "REJECTED: " + verb() + " " + instanceKey + ": " + tracker.rejection().reason();
    }
    TrackedRun failed = tracker.rootFailure();
    if (failed == null) {
      return null;
    }
    RunFinished f = failed.finished();
    String where =
        f.failedPhase() == null
            ? ""
            : ", phase " + f.failedPhase().actionName() + " (step " + f.failedStep() + ")";
    return "FAILED: " + f.instanceKey() + where + ": " + f.reason();
  }

  public void printText(PrintWriter out) {
    out.println();
    if (tracker.rejection() != null) {
      out.println(failureLine());
      for (Problem problem : tracker.rejection().problems()) {
        out.println("  " + problem.field() + ": " + problem.message());
      }
      out.flush();
      return;
    }
    List<TrackedRun> runs = tracker.runs();
    out.println(
        verb()
            + " "
            + instanceKey
            + ": "
            + outcome()
            + " ("
            + runs.size()
            + (runs.size() == 1 ? " run, " : " runs, ")
            + tracker.stepsDone()
            + (tracker.stepsDone() == 1 ? " step)" : " steps)"));
    Table table = new Table("INSTANCE", "ACTION", "OUTCOME", "DURATION", "RUN", "REASON");
    for (TrackedRun run : runs) {
      RunFinished f = run.finished();
      table.row(
          run.instanceKey(),
          run.accepted().action().name().toLowerCase(Locale.ROOT),
          f == null ? "RUNNING" : f.outcome(),
          f == null ? null : Durations.millis(f.durationMs()),
          run.runId(),
          f == null || f.reason() == null ? "" : TextProgress.oneLine(f.reason()));
    }
    table.print(out);
    String failure = failureLine();
    if (failure != null) {
      out.println(failure);
    }
    out.flush();
  }

  public void printJson(PrintWriter out) {
    JsonOutput.print(out, json());
  }

  /** The summary as --json prints it. */
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("requestId", tracker.requestId());
    json.put("action", verb());
    json.put("instanceKey", instanceKey);
    json.put("outcome", outcome().name());
    if (tracker.rejection() != null) {
      json.put("reason", tracker.rejection().reason());
      json.put("problems", tracker.rejection().problems());
    }
    TrackedRun failed = tracker.rootFailure();
    if (failed != null) {
      RunFinished f = failed.finished();
      Map<String, Object> failure = new LinkedHashMap<>();
      failure.put("instanceKey", f.instanceKey().toString());
      failure.put("phase", f.failedPhase() == null ? null : f.failedPhase().actionName());
      failure.put("step", f.failedStep());
      failure.put("reason", f.reason());
      json.put("failure", failure);
    }
    List<Map<String, Object>> runs = new ArrayList<>();
    for (TrackedRun run : tracker.runs()) {
      Map<String, Object> r = new LinkedHashMap<>();
      RunFinished f = run.finished();
      r.put("runId", run.runId().toString());
      r.put("instanceKey", run.instanceKey().toString());
      r.put("action", run.accepted().action().name().toLowerCase(Locale.ROOT));
      r.put("node", run.accepted().node().value());
      r.put("outcome", f == null ? "RUNNING" : f.outcome().name());
      r.put("durationMs", f == null ? null : f.durationMs());
      r.put("reason", f == null ? null : f.reason());
      r.put("stepsPlanned", run.plannedSteps());
      r.put("stepsDone", run.stepsDone());
      runs.add(r);
    }
    json.put("runs", runs);
    return json;
  }

  private String verb() {
    return action.name().toLowerCase(Locale.ROOT);
  }
}
