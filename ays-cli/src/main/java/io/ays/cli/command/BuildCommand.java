package io.ays.cli.command;

import io.ays.contracts.RequestAction;
import picocli.CommandLine.Command;

/** {@code ays build}: run a template's template-level build on a node. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Run the template-level build (actions_tmpl.py build, or hooks/build) once, on --node (else"
          + " the instance's node, else the management node).",
      "The instance need not be installed; --data gives answers. Its state does not change."
    })
public class BuildCommand extends ActionCommand {

  @Override
  RequestAction action() {
    return RequestAction.BUILD;
  }
}
