package io.ays.cli.command;

import io.ays.contracts.RequestAction;
import picocli.CommandLine.Command;

/** {@code ays uninstall}: Uninstall an instance: stop, uninstall, remove its data, forget it. */
@Command(
    name = "uninstall",
    mixinStandardHelpOptions = true,
    description = "Uninstall an instance: stop, uninstall, remove its data, forget it.")
public class UninstallCommand extends ActionCommand {

  @Override
  RequestAction action() {
    return RequestAction.UNINSTALL;
  }
}
