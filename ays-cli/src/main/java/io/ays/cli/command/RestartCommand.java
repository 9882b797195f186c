package io.ays.cli.command;

import io.ays.contracts.RequestAction;
import picocli.CommandLine.Command;

/** {@code ays restart}: Restart an instance: the stop sequence, then the start sequence. */
@Command(
    name = "restart",
    mixinStandardHelpOptions = true,
    description = "Restart an instance: the stop sequence, then the start sequence.")
public class RestartCommand extends ActionCommand {

  @Override
  RequestAction action() {
    return RequestAction.RESTART;
  }
}
