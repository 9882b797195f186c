package io.ays.executor.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * How this executor keeps each service it starts together with everything the service starts, so
 * that stop and halt reach a daemon that double-forks or calls setsid.
 *
 * <p>{@link Mode#CGROUP2} where the node allows it: each process gets a cgroup of its own, {@code
 * <parent>/<instance>-<process>-<launch>} under the cgroup2 mount, and enters it before it runs
 * anything; stop signals every process in it, halt writes {@code cgroup.kill}. {@link Mode#SESSION}
 * otherwise (no cgroup2 mount, not root, a read-only {@code /sys} in a container, or forced): the
 * service's session and its descendants ({@link SessionMembers}).
 */
public final class Containment {

  private static final Logger LOG = Logger.getLogger(Containment.class);

  /** Longest part of a cgroup's name taken from the instance key and process name. */
  private static final int MAX_NAME = 120;

  private static final int PROBE_SECONDS = 10;

  /** The two ways a service is contained, as {@code ays_executor_containment{mode=...}} says. */
  public enum Mode {
    CGROUP2("cgroup2"),
    SESSION("session");

    private final String label;

    Mode(String label) {
      this.label = label;
    }

    /** The word in logs, metrics and the health check. */
    public String label() {
      return label;
    }
  }

  private final Mode mode;
  private final Path parent;

  private Containment(Mode mode, Path parent) {
    this.mode = mode;
    this.parent = parent;
  }

  /** The fallback: no cgroup, the service's session. */
  public static Containment session() {
    return new Containment(Mode.SESSION, null);
  }

  /**
   * Cgroup containment if the node allows it, else the fallback; says once in the log which one.
   *
   * @param parent the AYS cgroup, absolute or relative to the cgroup2 mount (e.g. {@code ays})
   * @param nodeId this node's id, a level of its own so that two executors never share a cgroup
   * @param forceSession use the fallback even where cgroups would work
   */
  public static Containment detect(String parent, String nodeId, boolean forceSession) {
    Containment chosen = choose(parent, nodeId, forceSession);
    if (chosen.mode == Mode.CGROUP2) {
      LOG.infof("Containment: cgroup2, one cgroup per service under %s", chosen.parent);
    }
    return chosen;
  }

  private static Containment choose(String parent, String nodeId, boolean forceSession) {
    if (forceSession) {
      LOG.info("Containment: session (forced by ays.executor.containment.force-session)");
      return session();
    }
    Optional<Path> mount = CgroupMount.find();
    if (mount.isEmpty()) {
      LOG.info("Containment: session (no cgroup2 file system is mounted)");
      return session();
    }
    Path root = mount.get().resolve(parent).normalize();
    if (!root.startsWith(mount.get())) {
      LOG.warnf(
          "Containment: session (ays.executor.containment.cgroup-parent %s is outside %s)",
          parent, mount.get());
      return session();
    }
    Path dir = root.resolve(safe(nodeId, MAX_NAME));
    try {
      Files.createDirectories(dir);
    } catch (IOException | RuntimeException e) {
      LOG.infof("Containment: session (cannot create the cgroup %s: %s)", dir, e.toString());
      return session();
    }
    Optional<String> refused = probe(dir);
    if (refused.isPresent()) {
      LOG.infof(
          "Containment: session (a process cannot enter a cgroup under %s: %s)",
          dir, refused.get());
      return session();
    }
    return new Containment(Mode.CGROUP2, dir);
  }

  /**
   * Moves a short-lived shell into a cgroup under {@code dir} as a service's shell would: writing
   * into a cgroup also needs the right to write where the process comes from (the executor's own
   * cgroup), which a writable folder alone does not prove. Once, at start.
   *
   * @return why it failed, empty if it worked
   */
  private static Optional<String> probe(Path dir) {
    Path cgroup = dir.resolve("probe-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(cgroup);
      Process shell =
          new ProcessBuilder("/bin/sh", "-c", Cgroup.enterLine(cgroup) + "exit 0")
              .redirectErrorStream(true)
              .start();
      if (!shell.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
        shell.destroyForcibly();
        return Optional.of("the probe did not end within " + PROBE_SECONDS + " s");
      }
      String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return shell.exitValue() == 0 ? Optional.empty() : Optional.of(output.trim());
    } catch (IOException | RuntimeException e) {
      return Optional.of(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    } finally {
      Cgroup.removeIfEmpty(cgroup);
    }
  }

  public Mode mode() {
    return mode;
  }

  /**
   * Creates the cgroup for one launch of a process: empty in the fallback. The launch id keeps two
   * launches of one process apart, so an ended one never counts the next one's processes.
   */
  Optional<Path> newCgroup(String instanceKey, String processName, String launchId)
      throws IOException {
    if (mode != Mode.CGROUP2) {
      return Optional.empty();
    }
    String name =
        safe(instanceKey.replace('/', '.') + "-" + processName, MAX_NAME) + "-" + safe(launchId, 8);
    Path cgroup = parent.resolve(name);
    Files.createDirectories(cgroup);
    return Optional.of(cgroup);
  }

  /** Letters, digits, dot, dash and underscore only, at most {@code max} of them. */
  private static String safe(String text, int max) {
    String safe = text.isEmpty() ? "_" : text.replaceAll("[^A-Za-z0-9._-]", "_");
    safe = safe.length() > max ? safe.substring(0, max) : safe;
    // Never "." or "..", nor a name the cgroup file system keeps for its own files.
    return safe.startsWith(".") || safe.startsWith("cgroup.") ? "_" + safe : safe;
  }
}
