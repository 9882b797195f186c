package io.ays.cli.command;

import io.ays.contracts.RequestAction;
import picocli.CommandLine.Command;

/** {@code ays stop}: Stop an instance, then the dependencies nothing else running uses. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = "Stop an instance, then the dependencies nothing else running uses.")
public class StopCommand extends ActionCommand {

  @Override
  RequestAction action() {
    return RequestAction.STOP;
  }
}
