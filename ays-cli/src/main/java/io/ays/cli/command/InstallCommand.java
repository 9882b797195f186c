package io.ays.cli.command;

import io.ays.contracts.RequestAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ays install}: install (and start) an instance of a template, dependencies first. */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    description = {
      "Install an instance of a template, its dependencies first, and start it.",
      "Follows the run phase by phase and ends with a summary; exit 1 names what failed."
    })
public class InstallCommand extends ActionCommand {

  @Option(names = "--no-start", description = "install without starting")
  boolean noStart;

  @Override
  RequestAction action() {
    return RequestAction.INSTALL;
  }

  @Override
  boolean noStart() {
    return noStart;
  }
}
