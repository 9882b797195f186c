package io.ays.executor.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/** Answers "does this port accept a TCP connection", the original AYS's default check_up. */
public final class PortProbe {

  private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);

  private final String host;

  public PortProbe(String host) {
    this.host = host;
  }

  public boolean isOpen(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The ports of {@code ports} that do not accept a connection now. */
  public List<Integer> closedPorts(List<Integer> ports) {
    return ports.stream().filter(port -> !isOpen(port)).toList();
  }
}
