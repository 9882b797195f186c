package io.ays.cli;

/**
 * A failure to show a person as one line, without a stack trace: an unreachable service, a bad
 * argument, a failed run. {@link Main} prints {@code ays: <message>} and exits with {@link
 * #exitCode()}.
 */
public class CliException extends RuntimeException {

  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** Bad input on the command line (exit 2, as picocli's own usage errors). */
  public static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  /** Kafka or a service did not answer at {@code address} (exit 3). */
  public static CliException unreachable(String what, String address, String hint, Throwable e) {
    String why = e == null ? "" : " (" + rootMessage(e) + ")";
    return new CliException(
        ExitCodes.UNREACHABLE, "cannot reach " + what + " at " + address + why + "; " + hint, e);
  }

  public int exitCode() {
    return exitCode;
  }

  /** The most telling message of a chain: refused connections and timeouts said plainly. */
  private static String rootMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        return "connection refused";
      }
      if (t instanceof java.net.http.HttpTimeoutException) {
        return "no answer in time";
      }
      if (t instanceof java.net.UnknownHostException) {
        return "unknown host " + t.getMessage();
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }
}
