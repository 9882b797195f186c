package io.ays.cli.command;

import io.ays.contracts.RequestAction;
import picocli.CommandLine.Command;

/**
 * {@code ays removedata}: the original's removedata. The instance is stopped first (never under a
 * running service), then its removedata action runs (by default its folder goes); it stays
 * installed, STOPPED, and its next install or start runs every phase again.
 */
@Command(
    name = "removedata",
    mixinStandardHelpOptions = true,
    description = {
      "The original's removedata: stop the instance, then remove its data (removedata action).",
      "It stays installed, STOPPED; ays install or ays start runs every phase again. Refused while"
          + " a running instance uses it."
    })
public class RemoveDataCommand extends ActionCommand {

  @Override
  RequestAction action() {
    return RequestAction.REMOVEDATA;
  }
}
