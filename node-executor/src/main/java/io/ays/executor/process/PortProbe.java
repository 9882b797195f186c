package io.ays.executor.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Answers "does this port accept a TCP connection", the original AYS's default check_up, at the
 * address the process listens on: a listening socket of this machine ({@code /proc/net/tcp}, {@code
 * tcp6}) on that port gives the address to connect to (a wildcard one, 0.0.0.0 or ::, is reached on
 * loopback); without one, or where {@code /proc} is not there, the fallback host.
 */
public final class PortProbe {

  private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
  private static final String LISTEN = "0A";

  private final String fallbackHost;
  private final Path procNet;

  public PortProbe(String fallbackHost) {
    this(fallbackHost, Path.of("/proc/net"));
  }

  PortProbe(String fallbackHost, Path procNet) {
    this.fallbackHost = fallbackHost;
    this.procNet = procNet;
  }

  public boolean isOpen(int port) {
    List<InetAddress> bound = listeningAddresses(port);
    if (bound.isEmpty()) {
      return connects(new InetSocketAddress(fallbackHost, port));
    }
    return bound.stream().anyMatch(address -> connects(new InetSocketAddress(address, port)));
  }

  /** The ports of {@code ports} that do not accept a connection now. */
  public List<Integer> closedPorts(List<Integer> ports) {
    return ports.stream().filter(port -> !isOpen(port)).toList();
  }

  private static boolean connects(InetSocketAddress address) {
    try (Socket socket = new Socket()) {
      socket.connect(address, (int) CONNECT_TIMEOUT.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The addresses listening sockets on {@code port} are bound to, wildcards as loopback. */
  List<InetAddress> listeningAddresses(int port) {
    List<InetAddress> found = new ArrayList<>();
    for (String table : List.of("tcp", "tcp6")) {
      Path file = procNet.resolve(table);
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (IOException | RuntimeException e) {
        continue; // not Linux, or no IPv6: the fallback host is probed
      }
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length < 4 || !LISTEN.equals(fields[3])) {
          continue;
        }
        String local = fields[1];
        int colon = local.lastIndexOf(':');
        if (colon < 0 || Integer.parseInt(local.substring(colon + 1), 16) != port) {
          continue;
        }
        InetAddress address = address(local.substring(0, colon));
        if (address != null && !found.contains(address)) {
          found.add(address);
        }
      }
    }
    return found;
  }

  /** A /proc/net address: hex, each 32-bit word in host (little-endian) byte order. */
  private static InetAddress address(String hex) {
    try {
      byte[] bytes = new byte[hex.length() / 2];
      for (int word = 0; word < bytes.length / 4; word++) {
        for (int b = 0; b < 4; b++) {
          String pair = hex.substring(word * 8 + (3 - b) * 2, word * 8 + (3 - b) * 2 + 2);
          bytes[word * 4 + b] = (byte) Integer.parseInt(pair.toLowerCase(Locale.ROOT), 16);
        }
      }
      InetAddress address = InetAddress.getByAddress(bytes);
      if (address.isAnyLocalAddress()) {
        return InetAddress.getByName(bytes.length == 4 ? "127.0.0.1" : "::1");
      }
      return address;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
