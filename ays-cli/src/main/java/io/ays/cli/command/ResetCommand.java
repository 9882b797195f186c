package io.ays.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.cli.ExitCodes;
import io.ays.cli.output.JsonOutput;
import io.ays.contracts.InstanceKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ays reset}: the original's reset. The coordinator forgets what makes the instance's next
 * install "up to date" (its stored template version and answers no longer count), so that install
 * runs every phase; nothing runs now and the running service is left alone.
 */
@Command(
    name = "reset",
    mixinStandardHelpOptions = true,
    description = {
      "The original's reset: the next ays install of the instance runs every phase again.",
      "Runs nothing now; the running service is left alone."
    })
public class ResetCommand extends AysSubcommand implements Callable<Integer> {

  @Parameters(paramLabel = "NAME", description = "name, domain/name or domain/name/instance")
  String name;

  @Mixin InstanceOptions where;

  @Option(names = "--json", description = "print the coordinator's answer as JSON")
  boolean json;

  @Override
  public Integer call() {
    InstanceKey key = domains().resolve(where.target(name), true).key();
    JsonNode answer = coordinator().reset(key);
    if (json) {
      JsonOutput.print(out(), answer);
      return ExitCodes.OK;
    }
    out()
        .println(
            "reset "
                + answer.path("instanceKey").asText()
                + " ("
                + answer.path("state").asText()
                + ", template "
                + PlanPrinter.shortHash(answer.path("templateVersion").asText(null))
                + "): "
                + answer.path("reset").asText());
    out().flush();
    return ExitCodes.OK;
  }
}
