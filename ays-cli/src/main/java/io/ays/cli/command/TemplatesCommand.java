package io.ays.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.cli.ExitCodes;
import io.ays.cli.output.JsonOutput;
import io.ays.cli.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ays templates}: the registry's templates; {@code sync} fetches the repositories now. */
@Command(
    name = "templates",
    mixinStandardHelpOptions = true,
    description = "Sync the template repositories now, or list the templates.",
    subcommands = {TemplatesCommand.Sync.class, ListCommand.class})
public class TemplatesCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  /** {@code ays templates sync}: {@code POST /sync} on the registry, and its report. */
  @Command(
      name = "sync",
      mixinStandardHelpOptions = true,
      description = {
        "Sync every template repository now: fetch, validate, publish what changed.",
        "Exit 1 if a repository could not be synced or a template is invalid."
      })
  public static class Sync extends AysSubcommand implements Callable<Integer> {

    @Option(names = "--json", description = "print the registry's sync report as JSON")
    boolean json;

    @Override
    public Integer call() {
      JsonNode report = registry().sync();
      boolean trouble = false;
      for (JsonNode repo : report.path("repositories")) {
        trouble |= repo.hasNonNull("error") || repo.path("invalid").size() > 0;
      }
      if (json) {
        JsonOutput.print(out(), report);
        return trouble ? ExitCodes.FAILED : ExitCodes.OK;
      }
      printReport(report, out());
      return trouble ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** The sync report as a table, then what was published and what is invalid. */
    static void printReport(JsonNode report, java.io.PrintWriter out) {
      Table table = new Table("DOMAIN", "COMMIT", "PUBLISHED", "UNCHANGED", "INVALID", "ERROR");
      for (JsonNode repo : report.path("repositories")) {
        table.row(
            repo.path("domain").asText(),
            PlanPrinter.shortHash(repo.path("commit").asText(null)),
            repo.path("published").size(),
            repo.path("unchanged").asInt(),
            repo.path("invalid").size(),
            repo.path("error").asText(""));
      }
      table.print(out);
      for (JsonNode repo : report.path("repositories")) {
        for (JsonNode published : repo.path("published")) {
          out.println("published " + repo.path("domain").asText() + ": " + published.asText());
        }
        for (JsonNode invalid : repo.path("invalid")) {
          out.println("invalid   " + repo.path("domain").asText() + ": " + invalid.asText());
        }
      }
      out.flush();
    }
  }
}
