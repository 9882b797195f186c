package io.ays.cli.command;

import io.ays.contracts.RequestAction;
import picocli.CommandLine.Command;

/** {@code ays configure}: Configure an instance again, e.g. with new answers (--data). */
@Command(
    name = "configure",
    mixinStandardHelpOptions = true,
    description = "Configure an instance again, e.g. with new answers (--data).")
public class ConfigureCommand extends ActionCommand {

  @Override
  RequestAction action() {
    return RequestAction.CONFIGURE;
  }
}
