package io.ays.cli.command;

import io.ays.contracts.RequestAction;
import picocli.CommandLine.Command;

/** {@code ays start}: Start an installed instance, its stopped dependencies first. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = "Start an installed instance, its stopped dependencies first.")
public class StartCommand extends ActionCommand {

  @Override
  RequestAction action() {
    return RequestAction.START;
  }
}
