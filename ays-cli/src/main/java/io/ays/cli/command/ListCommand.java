package io.ays.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.cli.ExitCodes;
import io.ays.cli.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ays list}: the templates the registry knows; with --installed, the instances. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List templates, or with --installed the installed instances.",
      "Templates come from the registry (current version of each), instances from the",
      "coordinator."
    })
public class ListCommand extends AysSubcommand implements Callable<Integer> {

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "only this name or domain/name")
  String name;

  @Option(
      names = {"-d", "--domain"},
      description = "only this domain")
  String domain;

  @Option(names = "--installed", description = "list installed instances instead of templates")
  boolean installed;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    InstanceFilter filter = InstanceFilter.of(name, domain, null);
    JsonNode items = installed ? coordinator().instances() : registry().templates();
    var matching = RestLists.filter(items, filter::matches);
    if (output.structured()) {
      output.print(out(), matching);
      return ExitCodes.OK;
    }
    Table table =
        installed
            ? new Table("INSTANCE", "NODE", "STATE", "VERSION", "DEPENDS ON", "UPDATED")
            : new Table("DOMAIN", "NAME", "VERSION", "COMMIT", "REPOSITORY", "SINCE");
    for (JsonNode item : matching) {
      if (installed) {
        table.row(
            item.path("instanceKey").asText(),
            item.path("node").asText(null),
            item.path("state").asText(null),
            PlanPrinter.shortHash(item.path("templateVersion").asText(null)),
            String.join(",", RestLists.texts(item.path("dependsOn"))),
            item.path("updatedAt").asText(null));
      } else {
        table.row(
            item.path("domain").asText(),
            item.path("name").asText(),
            PlanPrinter.shortHash(item.path("contentHash").asText(null)),
            PlanPrinter.shortHash(item.path("sourceCommit").asText(null)),
            item.path("repository").asText(null),
            item.path("createdAt").asText(null));
      }
    }
    if (table.isEmpty()) {
      out().println(installed ? "no instances installed" : "no templates");
    } else {
      table.print(out());
    }
    return ExitCodes.OK;
  }
}
