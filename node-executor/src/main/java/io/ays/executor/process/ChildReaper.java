package io.ays.executor.process;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One thread that waits for every process the executor supervises, in place of the JDK's "process
 * reaper" thread per child: about 100 KiB resident each, so 10 MiB with 100 services
 * (docs/benchmarks.md, "node-executor footprint").
 *
 * <p>How: the executor is a child subreaper ({@code prctl}), so a service started through a
 * launcher that exits at once becomes the executor's own child, exit status included, without the
 * JDK tracking it. Each watched process gets a pidfd; this thread {@code poll}s them all and reaps
 * the one that ended with {@code waitid(P_PIDFD)}. A process that is not a child (adopted after a
 * restart) is watched the same way, and its exit status is unknown.
 *
 * <p>As a subreaper the executor also inherits the orphaned descendants of its services. Children
 * that nobody waits for are reaped by a sweep every 30 s, once they have been zombies for a whole
 * sweep: the JDK reaps the children it started at once, so those are never touched.
 *
 * <p>Linux on 64-bit only; elsewhere, or where a call is refused (seccomp), {@link #shared} is
 * empty and the supervisor keeps the JDK's reaping.
 */
public final class ChildReaper {

  private static final Logger LOG = Logger.getLogger(ChildReaper.class);
  private static final int SWEEP_MILLIS = 30_000;

  /**
   * Set to {@code true} to keep the JDK's reaper thread per child (a way out if this misbehaves).
   */
  public static final String DISABLE_PROPERTY = "ays.executor.jdk-reaper";

  private static Optional<ChildReaper> shared;

  private final LinuxC c;
  private final int wakeFd;
  private final Map<Integer, Watch> byFd = new ConcurrentHashMap<>();
  private Set<Long> zombiesAtLastSweep = Set.of();

  private record Watch(int fd, long pid, CompletableFuture<Integer> exit) {}

  private ChildReaper(LinuxC c, int wakeFd) {
    this.c = c;
    this.wakeFd = wakeFd;
  }

  /** The one reaper of this JVM (a subreaper is a property of the whole process), if available. */
  public static synchronized Optional<ChildReaper> shared() {
    if (shared == null) {
      shared = tryStart();
    }
    return shared;
  }

  private static Optional<ChildReaper> tryStart() {
    if (!Platform.isLinux() || !Platform.is64Bit() || Boolean.getBoolean(DISABLE_PROPERTY)) {
      return Optional.empty();
    }
    try {
      LinuxC c = LinuxC.load();
      int probe = pidfdOpen(c, ProcessHandle.current().pid());
      if (probe < 0) {
        LOG.infof("pidfd_open refused (errno %d): one JDK reaper thread per process", errno());
        return Optional.empty();
      }
      c.close(probe);
      int wake = c.eventfd(0, LinuxC.EFD_NONBLOCK | LinuxC.EFD_CLOEXEC);
      if (wake < 0 || c.prctl(LinuxC.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) {
        LOG.infof(
            "eventfd or subreaper refused (errno %d): one JDK reaper thread per process", errno());
        return Optional.empty();
      }
      ChildReaper reaper = new ChildReaper(c, wake);
      Thread thread = new Thread(reaper::run, "ays-child-reaper");
      thread.setDaemon(true);
      thread.start();
      return Optional.of(reaper);
    } catch (LinkageError | RuntimeException e) {
      LOG.infof("no native access (%s): one JDK reaper thread per process", e.toString());
      return Optional.empty();
    }
  }

  /**
   * Watches {@code pid} until it ends.
   *
   * @param expectedStartTicks its start time ({@link ProcStat}), checked once the pidfd pins the
   *     process so that a recycled pid is never watched as ours; -1 to skip the check
   * @return completed with the exit code (128 + signal when killed, null when unknown because the
   *     process is not our child), or empty if no such process runs any more
   */
  public Optional<CompletableFuture<Integer>> watch(long pid, long expectedStartTicks) {
    int fd = pidfdOpen(c, pid);
    if (fd < 0) {
      return Optional.empty();
    }
    if (expectedStartTicks >= 0
        && ProcStat.startTicks(pid).orElse(Long.MIN_VALUE) != expectedStartTicks) {
      c.close(fd);
      return Optional.empty();
    }
    Watch watch = new Watch(fd, pid, new CompletableFuture<>());
    byFd.put(fd, watch);
    wake();
    return Optional.of(watch.exit());
  }

  /** How many processes are watched now. */
  public int watchedCount() {
    return byFd.size();
  }

  private void run() {
    long nextSweep = System.currentTimeMillis() + SWEEP_MILLIS;
    while (true) {
      try {
        List<Watch> watched = List.copyOf(byFd.values());
        Memory fds = pollFds(watched);
        int timeout = (int) Math.max(0, nextSweep - System.currentTimeMillis());
        int ready = c.poll(fds, watched.size() + 1L, timeout);
        if (ready < 0) {
          if (errno() != LinuxC.EINTR) {
            LOG.warnf("poll failed (errno %d)", errno());
            Thread.sleep(1000);
          }
          continue;
        }
        if (fds.getShort(6) != 0) {
          c.read(wakeFd, new Memory(8), 8);
        }
        for (int i = 0; i < watched.size(); i++) {
          if (fds.getShort((long) (i + 1) * LinuxC.POLLFD_SIZE + 6) != 0) {
            finish(watched.get(i));
          }
        }
        if (System.currentTimeMillis() >= nextSweep) {
          sweepOrphans();
          nextSweep = System.currentTimeMillis() + SWEEP_MILLIS;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // Never let one bad round end the only thread that reaps the services.
        LOG.warn("child reaper round failed", e);
      }
    }
  }

  private Memory pollFds(List<Watch> watched) {
    Memory fds = new Memory((long) (watched.size() + 1) * LinuxC.POLLFD_SIZE);
    fds.clear();
    fds.setInt(0, wakeFd);
    fds.setShort(4, LinuxC.POLLIN);
    for (int i = 0; i < watched.size(); i++) {
      long offset = (long) (i + 1) * LinuxC.POLLFD_SIZE;
      fds.setInt(offset, watched.get(i).fd());
      fds.setShort(offset + 4, LinuxC.POLLIN);
    }
    return fds;
  }

  /** The pidfd is readable: the process ended. Reaps it if it is our child. */
  private void finish(Watch watch) {
    Integer exitCode = reap(LinuxC.P_PIDFD, watch.fd());
    byFd.remove(watch.fd());
    c.close(watch.fd());
    watch.exit().complete(exitCode);
  }

  /** Reaps a child that ended; null if it is not our child or did not end. */
  private Integer reap(int idType, long id) {
    Memory info = new Memory(LinuxC.SIGINFO_SIZE);
    info.clear();
    if (c.waitid(idType, (int) id, info, LinuxC.WEXITED | LinuxC.WNOHANG) != 0
        || info.getInt(LinuxC.SIGINFO_PID) == 0) {
      return null;
    }
    int status = info.getInt(LinuxC.SIGINFO_STATUS);
    // The JDK's convention for Process.exitValue(): a process killed by signal N exits 128 + N.
    return info.getInt(LinuxC.SIGINFO_CODE) == LinuxC.CLD_EXITED ? status : 128 + status;
  }

  /** Reaps children left as zombies since the last sweep that no one else waits for. */
  synchronized void sweepOrphans() {
    Set<Long> watchedPids = new HashSet<>();
    byFd.values().forEach(w -> watchedPids.add(w.pid()));
    Set<Long> zombies = new HashSet<>();
    ProcessHandle.current()
        .children()
        .map(ProcessHandle::pid)
        .filter(pid -> !watchedPids.contains(pid) && ProcStat.isZombie(pid))
        .forEach(zombies::add);
    for (long pid : Set.copyOf(zombies)) {
      if (zombiesAtLastSweep.contains(pid)) {
        Integer code = reap(LinuxC.P_PID, pid);
        LOG.debugf("reaped orphaned process %d (exit %s)", pid, code);
        zombies.remove(pid);
      }
    }
    zombiesAtLastSweep = zombies;
  }

  private void wake() {
    Memory one = new Memory(8);
    one.setLong(0, 1);
    c.write(wakeFd, one, 8);
  }

  private static int pidfdOpen(LinuxC c, long pid) {
    return (int) c.syscall(LinuxC.SYS_PIDFD_OPEN, pid, 0L);
  }

  private static int errno() {
    return Native.getLastError();
  }
}
