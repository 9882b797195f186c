package io.ays.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.cli.ExitCodes;
import io.ays.cli.output.JsonOutput;
import io.ays.cli.output.Table;
import io.ays.cli.rest.HttpAnswer;
import java.io.PrintWriter;

/**
 * Shows the coordinator's dry run ({@code POST /requests/{action}?dryRun=true}): every run the
 * request would make, in the order they may start, with each step's node, role, phase and
 * condition. A request that would be rejected shows the reason and every problem, and exits 1.
 */
final class PlanPrinter {

  private PlanPrinter() {}

  static int print(PrintWriter out, HttpAnswer answer, String what, boolean json) {
    if (json) {
      JsonOutput.print(out, answer.body());
      return answer.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
    if (!answer.ok()) {
      out.println("REJECTED: " + what + ": " + answer.reason());
      JsonNode problems = answer.body() == null ? null : answer.body().path("problems");
      if (problems != null) {
        for (JsonNode problem : problems) {
          out.println(
              "  " + problem.path("field").asText() + ": " + problem.path("message").asText());
        }
      }
      out.flush();
      return ExitCodes.FAILED;
    }
    JsonNode plan = answer.body();
    JsonNode runs = plan.path("runs");
    out.println(
        "plan: "
            + what
            + " ("
            + runs.size()
            + (runs.size() == 1 ? " run" : " runs")
            + "; nothing is run)");
    int index = 0;
    for (JsonNode run : runs) {
      index++;
      out.println();
      StringBuilder head =
          new StringBuilder()
              .append("run ")
              .append(index)
              .append('/')
              .append(runs.size())
              .append(": ")
              .append(run.path("action").asText())
              .append(' ')
              .append(run.path("instanceKey").asText())
              .append(" on ")
              .append(run.path("node").asText())
              .append(", template ")
              .append(shortHash(run.path("templateVersion").asText(null)));
      if (run.hasNonNull("requiredBy")) {
        head.append(", required by ").append(run.get("requiredBy").asText());
      }
      if (run.path("after").size() > 0) {
        head.append(", after ");
        for (int i = 0; i < run.get("after").size(); i++) {
          head.append(i == 0 ? "" : ", ").append(run.get("after").get(i).asText());
        }
      }
      if (run.path("upToDate").asBoolean(false)) {
        head.append(": up to date, nothing to do (--force runs it anyway)");
      }
      out.println(head);
      Table steps = new Table("  STEP", "NODE", "ROLE", "PHASE", "WHEN");
      for (JsonNode step : run.path("steps")) {
        steps.row(
            "  " + step.path("step").asInt(),
            step.path("node").asText(),
            step.path("role").asText(),
            step.path("phase").asText(),
            step.path("when").asText());
      }
      steps.print(out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  static String shortHash(String hash) {
    return hash == null ? "-" : hash.substring(0, Math.min(12, hash.length()));
  }
}
