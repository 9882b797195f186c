package io.ays.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.cli.ExitCodes;
import io.ays.cli.output.Table;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ays update}: the original's update (templates fetched again from their repositories). It
 * asks the registry to sync now, then lists the instances whose template changed since they were
 * installed: {@code ays install NAME} re-plans each (configure and restart, or a full run, as the
 * change requires). Nothing is run by this command itself, as AYS 7's update ran no action.
 */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = {
      "The original's update: sync the templates now, then list the instances whose template"
          + " changed.",
      "Runs nothing; ays install NAME re-plans each listed instance."
    })
public class UpdateCommand extends AysSubcommand implements Callable<Integer> {

  @Override
  public Integer call() {
    JsonNode report = registry().sync();
    TemplatesCommand.Sync.printReport(report, out());
    boolean trouble = false;
    for (JsonNode repo : report.path("repositories")) {
      trouble |= repo.hasNonNull("error") || repo.path("invalid").size() > 0;
    }
    Map<String, String> latest = new HashMap<>();
    for (JsonNode template : registry().templates()) {
      latest.put(
          template.path("domain").asText() + "/" + template.path("name").asText(),
          template.path("contentHash").asText(null));
    }
    Table table = new Table("INSTANCE", "INSTALLED", "LATEST", "TO APPLY");
    for (JsonNode instance : coordinator().instances()) {
      String template = instance.path("domain").asText() + "/" + instance.path("name").asText();
      String installed = instance.path("templateVersion").asText(null);
      String newest = latest.get(template);
      if (installed != null && newest != null && !newest.equals(installed)) {
        table.row(
            instance.path("instanceKey").asText(),
            PlanPrinter.shortHash(installed),
            PlanPrinter.shortHash(newest),
            "ays install " + instance.path("instanceKey").asText());
      }
    }
    if (table.isEmpty()) {
      out().println("every installed instance runs its template's latest version");
    } else {
      table.print(out());
    }
    out().flush();
    return trouble ? ExitCodes.FAILED : ExitCodes.OK;
  }
}
