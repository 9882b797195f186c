package io.ays.executor.action;

/**
 * The original's check for a process AYS did not start (no cmd): is any process running whose
 * command line contains {@code filterstr}. Used only to check, never to signal: AYS stops only what
 * it started.
 */
final class FilterMatch {

  private FilterMatch() {}

  static boolean anyRunning(String filterstr) {
    return ProcessHandle.allProcesses()
        .filter(handle -> handle.pid() != ProcessHandle.current().pid())
        .anyMatch(
            handle ->
                handle.info().commandLine().map(line -> line.contains(filterstr)).orElse(false));
  }
}
