package io.ays.coordinator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time read from Linux's {@code /proc}, to split a round's CPU between the coordinator, the
 * benchmark's own JVM (the Kafka broker and the simulated fleet) and everything else on the machine
 * (PostgreSQL, mostly). Elsewhere than Linux every figure is -1 and the split is not printed.
 */
record CpuTime(long coordinator, long benchmark, long machine) {

  /** The clock ticks per second of /proc figures (USER_HZ): 100 on every Linux build in use. */
  private static final double TICKS_PER_SECOND = 100;

  static CpuTime now(long coordinatorPid) {
    return new CpuTime(
        processTicks(Path.of("/proc", String.valueOf(coordinatorPid), "stat")),
        processTicks(Path.of("/proc/self/stat")),
        machineTicks());
  }

  /** The CPU used since {@code start}, per install, in milliseconds, as one line. */
  String perInstallSince(CpuTime start, int installs) {
    if (coordinator < 0 || start.coordinator < 0) {
      return "CPU split: not available (no /proc)";
    }
    long c = coordinator - start.coordinator;
    long b = benchmark - start.benchmark;
    long rest = machine - start.machine - c - b;
    return String.format(
        "CPU per install: coordinator %.1f ms, broker + simulated fleet %.1f ms, the rest"
            + " (PostgreSQL, other) %.1f ms; all of it %.1f ms",
        millis(c) / installs,
        millis(b) / installs,
        millis(rest) / installs,
        millis(machine - start.machine) / installs);
  }

  private static double millis(long ticks) {
    return ticks * 1000 / TICKS_PER_SECOND;
  }

  /** utime + stime of a process (fields 14 and 15 of its stat line). */
  private static long processTicks(Path stat) {
    try {
      String line = Files.readString(stat);
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Busy ticks of the whole machine: user, nice, system, irq, softirq (first line of /proc/stat).
   */
  private static long machineTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      return Long.parseLong(f[1])
          + Long.parseLong(f[2])
          + Long.parseLong(f[3])
          + Long.parseLong(f[6])
          + Long.parseLong(f[7]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
