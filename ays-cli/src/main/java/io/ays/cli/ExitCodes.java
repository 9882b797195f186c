package io.ays.cli;

/** The exit codes of every command, documented in docs/cli.md. */
public final class ExitCodes {

  /** Done: the run succeeded (or was up to date), the query answered, everything runs. */
  public static final int OK = 0;

  /** The run failed or was rejected; or (status) something that should run does not. */
  public static final int FAILED = 1;

  /** Bad command line: unknown option, bad --data, a name that is not a valid AYS name. */
  public static final int USAGE = 2;

  /** Kafka or an AYS service could not be reached. */
  public static final int UNREACHABLE = 3;

  /** --timeout passed while the run was still going (it goes on; ays runs follows it up). */
  public static final int TIMED_OUT = 4;

  private ExitCodes() {}
}
