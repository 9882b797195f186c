package io.ays.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Whether a TCP port of 127.0.0.1 takes connections: how tests see a service up or down. */
public final class LocalPorts {

  private static final int CONNECT_TIMEOUT_MILLIS = 300;
  private static final long POLL_MILLIS = 100;

  private LocalPorts() {}

  /** True if something accepts a connection on {@code port} of 127.0.0.1 now. */
  public static boolean isOpen(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Waits until {@code port} is open (or closed, if {@code open} is false), failing with the port
   * and the time waited after {@code timeout}.
   */
  public static void await(int port, boolean open, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (isOpen(port) == open) {
        return;
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new AssertionError(
        "port " + port + (open ? " never opened" : " never closed") + " within " + timeout);
  }
}
