package io.ays.cli.command;

import io.ays.cli.CliException;
import io.ays.cli.ExitCodes;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * The original's verbs that AYS does not carry out, each refused with what to use instead (exit 1,
 * nothing sent): they exist so that a user of AYS 7 is told why rather than "unknown command".
 */
public final class RefusedVerbs {

  private RefusedVerbs() {}

  /** A verb that takes any arguments and refuses, naming why and what to use instead. */
  abstract static class Refused implements Callable<Integer> {
    @Parameters(arity = "0..*", hidden = true)
    List<String> arguments;

    @Unmatched List<String> options;

    private final String reason;

    Refused(String reason) {
      this.reason = reason;
    }

    @Override
    public Integer call() {
      throw new CliException(ExitCodes.FAILED, reason);
    }
  }

  /** {@code ays reset}: AYS 7 forgot an instance's recorded state. */
  @Command(
      name = "reset",
      mixinStandardHelpOptions = true,
      description =
          "The original's reset. Refused: AYS keeps no per-phase state to forget; install -r"
              + " (force) runs every phase again.")
  public static class Reset extends Refused {
    public Reset() {
      super(
          "reset is not an AYS request: AYS keeps no per-phase state that a reset would forget;"
              + " every install plans from the template and answers. To run every phase again:"
              + " ays install NAME -r (force)");
    }
  }

  /** {@code ays removedata}: AYS 7 removed an instance's data folder. */
  @Command(
      name = "removedata",
      mixinStandardHelpOptions = true,
      description =
          "The original's removedata. Refused: the data folder is removed by uninstall, once the"
              + " service is stopped, never on its own.")
  public static class RemoveData extends Refused {
    public RemoveData() {
      super(
          "removedata is not an AYS request: an instance's data folder is removed only by"
              + " ays uninstall NAME (its removedata phase runs after the service is stopped),"
              + " so that data is never removed under a running service");
    }
  }
}
