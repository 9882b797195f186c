package io.ays.cli.command;

import io.ays.contracts.RequestAction;
import picocli.CommandLine.Command;

/**
 * {@code ays mdupdate}: the original's metadata update (the instance's configuration rendered again
 * from its template). In AYS the configuration is rendered by the {@code configure} phase only, so
 * this is {@code ays configure}: it also runs the template's configure action, which AYS 7's
 * mdupdate did not.
 */
@Command(
    name = "mdupdate",
    mixinStandardHelpOptions = true,
    description = {
      "The original's metadata update: render the configuration again (configure).",
      "Also runs the template's configure action (AYS 7 ran none); the instance keeps running."
    })
public class MdupdateCommand extends ActionCommand {

  @Override
  RequestAction action() {
    return RequestAction.CONFIGURE;
  }

  @Override
  public Integer call() {
    err().println("ays mdupdate: sent as configure (AYS renders configuration in that phase)");
    err().flush();
    return super.call();
  }
}
