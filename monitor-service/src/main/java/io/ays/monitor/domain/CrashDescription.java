package io.ays.monitor.domain;

import io.ays.contracts.HealthReport;
import io.ays.contracts.HealthSource;

/** Says in a few words what a DOWN report reports, for restart reasons and logs. */
public final class CrashDescription {

  private CrashDescription() {}

  /** E.g. {@code exit 137 (process.1)} or {@code monitor check: port 8080 closed}. */
  public static String of(HealthReport report) {
    String what;
    if (report.source() == HealthSource.PROCESS_EXIT) {
      what = report.exitCode() == null ? "process exited" : "exit " + report.exitCode();
      if (report.process() != null) {
        what += " (" + report.process() + ")";
      }
      return what;
    }
    what = report.source() == HealthSource.MONITOR ? "monitor check" : "check";
    return report.message() == null ? what + " DOWN" : what + ": " + report.message();
  }
}
