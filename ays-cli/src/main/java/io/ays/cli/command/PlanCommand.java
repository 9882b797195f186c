package io.ays.cli.command;

import io.ays.cli.request.RequestFactory;
import io.ays.cli.request.RequestOptions;
import io.ays.cli.request.Target;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.RequestAction;
import io.ays.contracts.ServiceRequest;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ays plan}: what a request would do, from the coordinator's dry run. Nothing is sent on
 * Kafka: the contract has no dry run there (a plan is an answer to a question, not an event).
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Show what a request would do, without running it.",
      "The coordinator's dry run: every run (dependencies too) and each step's node, role,",
      "phase and condition."
    })
public class PlanCommand extends AysSubcommand implements Callable<Integer> {

  @Mixin RequestOptions request;

  @Option(
      names = {"-a", "--action"},
      paramLabel = "ACTION",
      defaultValue = "install",
      description = "install, start, stop, restart, configure or uninstall (default: install)")
  RequestAction action;

  @Option(names = "--no-start", description = "plan an install without starting")
  boolean noStart;

  @Option(names = "--json", description = "print the coordinator's plan as JSON")
  boolean json;

  @Override
  public Integer call() {
    Target target = domains().resolve(request.target(), ActionCommand.actsOnInstalled(action));
    InstanceKey key = target.key();
    ServiceRequest payload =
        RequestFactory.build(
            key,
            request,
            noStart,
            request.parentTarget() == null
                ? null
                : domains().resolve(request.parentTarget(), true).key());
    String what = action.name().toLowerCase(Locale.ROOT) + " " + key;
    return PlanPrinter.print(out(), coordinator().plan(action, payload), what, json);
  }
}
