package io.ays.cli.follow;

import io.ays.cli.output.Durations;
import io.ays.contracts.InstanceStateChanged;
import io.ays.contracts.RequestRejected;
import io.ays.contracts.StepFinished;
import io.ays.contracts.StepOutcome;
import io.ays.contracts.StepStarted;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Live progress for a person, one line per thing that happens: each service and phase as it starts
 * and ends, with "[k/n]" counting finished steps over every run of the request.
 */
public final class TextProgress implements RunProgress {

  private final PrintWriter out;

  public TextProgress(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void rejected(RequestRejected rejection) {
    // The summary says it, with every problem.
  }

  @Override
  public void accepted(TrackedRun run) {
    var a = run.accepted();
    println(
        a.instanceKey()
            + ": "
            + lower(a.action())
            + " accepted, "
            + run.plannedSteps()
            + " steps on "
            + a.node());
  }

  @Override
  public void stepStarted(TrackedRun run, StepStarted step) {
    String attempt = step.attempt() > 1 ? " (attempt " + step.attempt() + ")" : "";
    println(
        "       "
            + step.instanceKey()
            + ": "
            + step.phase().actionName()
            + " started on "
            + step.node()
            + attempt);
  }

  @Override
  public void stepFinished(TrackedRun run, StepFinished step, int done, int total) {
    StringBuilder line = new StringBuilder();
    line.append(counter(done, total))
        .append(' ')
        .append(step.instanceKey())
        .append(": ")
        .append(step.phase().actionName())
        .append(' ')
        .append(step.outcome());
    if (step.outcome() != StepOutcome.SKIPPED && step.durationMs() != null) {
      line.append(" in ").append(Durations.millis(step.durationMs()));
    }
    if (step.willRetry()) {
      line.append(", will retry");
    }
    if (step.message() != null && !step.message().isBlank()) {
      line.append(step.outcome() == StepOutcome.SUCCEEDED ? " (" : ": ")
          .append(oneLine(step.message()))
          .append(step.outcome() == StepOutcome.SUCCEEDED ? ")" : "");
    }
    println(line.toString());
  }

  @Override
  public void stateChanged(InstanceStateChanged change) {
    println(
        "       "
            + change.instanceKey()
            + ": "
            + (change.from() == null ? "new" : change.from())
            + " -> "
            + change.to());
  }

  @Override
  public void runFinished(TrackedRun run) {
    var f = run.finished();
    String reason = f.reason() == null ? "" : ": " + oneLine(f.reason());
    println(
        f.instanceKey()
            + ": "
            + lower(f.action())
            + " "
            + f.outcome()
            + " in "
            + Durations.millis(f.durationMs())
            + reason);
  }

  /** "[ 3/12]": the width of the total, so that the lines of one request stay aligned. */
  static String counter(int done, int total) {
    int width = String.valueOf(total).length();
    return "[" + String.format(Locale.ROOT, "%" + width + "d", done) + "/" + total + "]";
  }

  static String oneLine(String text) {
    String stripped = text.strip();
    int newline = stripped.indexOf('\n');
    return newline < 0 ? stripped : stripped.substring(0, newline) + " ...";
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private void println(String line) {
    out.println(line);
    out.flush();
  }
}
