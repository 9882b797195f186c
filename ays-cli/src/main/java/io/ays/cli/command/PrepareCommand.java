package io.ays.cli.command;

import io.ays.contracts.RequestAction;
import picocli.CommandLine.Command;

/**
 * {@code ays prepare}: the original's {@code ays prepare} (init and prepare, nothing started). AYS
 * has no request that stops after prepare, so this is {@code ays install --no-start}: it also runs
 * fetch and configure, and the instance ends STOPPED, installed; a later {@code ays install} or
 * {@code ays start} starts it.
 */
@Command(
    name = "prepare",
    mixinStandardHelpOptions = true,
    description = {
      "The original's prepare: install without starting (install --no-start).",
      "Runs init, prepare, fetch and configure (AYS 7 stopped after prepare); the instance ends"
          + " STOPPED."
    })
public class PrepareCommand extends ActionCommand {

  @Override
  RequestAction action() {
    return RequestAction.INSTALL;
  }

  @Override
  boolean noStart() {
    return true;
  }

  @Override
  public Integer call() {
    err().println("ays prepare: sent as install --no-start (AYS has no prepare-only request)");
    err().flush();
    return super.call();
  }
}
