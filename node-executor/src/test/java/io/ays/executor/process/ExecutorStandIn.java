package io.ays.executor.process;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in for a running executor, in its own JVM: starts one service process through a {@link
 * ProcessSupervisor} and then waits to be killed, as an executor that crashes while a service runs.
 *
 * <p>Arguments: supervised-registry folder, working folder, log file, command line, and optionally
 * a file that makes it hold the start before recording the pid ({@link LaunchPausePoint}). With the
 * system property {@value #CGROUP_PARENT}, the service is contained in a cgroup under that parent.
 */
public final class ExecutorStandIn {

  static final String CGROUP_PARENT = "ays.test.cgroup-parent";

  public static void main(String[] args) throws Exception {
    LaunchPausePoint pause =
        LaunchPausePoint.at(args.length > 4 ? Optional.of(Path.of(args[4])) : Optional.empty());
    String cgroupParent = System.getProperty(CGROUP_PARENT);
    ProcessSupervisor supervisor =
        new ProcessSupervisor(
            new ProcessRegistry(Path.of(args[0])),
            1 << 20,
            2,
            ChildReaper.shared(),
            pause,
            cgroupParent == null
                ? Containment.session()
                : Containment.detect(cgroupParent, "n1", false));
    SupervisedProcess started =
        supervisor.start(
            "demo/web/main",
            new ProcessLaunch("process.1", args[3], Path.of(args[1]), Map.of(), Path.of(args[2])));
    System.out.println("STARTED " + started.pid());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
