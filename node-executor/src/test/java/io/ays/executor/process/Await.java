package io.ays.executor.process;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what a real process does in its own time (start, exit, reaping). */
final class Await {

  private Await() {}

  static void until(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(50);
    }
  }
}
