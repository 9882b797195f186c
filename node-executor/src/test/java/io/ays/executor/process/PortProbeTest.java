package io.ays.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The port check probes the address a real listening socket is bound to. */
class PortProbeTest {

  private final PortProbe probe = new PortProbe("127.0.0.1");

  @Test
  void aServiceBoundToAnotherAddressThanLoopbackIsSeenUp() throws Exception {
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
      int port = server.getLocalPort();
      assertThat(probe.listeningAddresses(port))
          .containsExactly(InetAddress.getByName("127.0.0.2"));
      assertThat(probe.isOpen(port)).as("127.0.0.1 would refuse; 127.0.0.2 accepts").isTrue();
    }
  }

  @Test
  void aServiceBoundToEveryAddressIsReachedOnLoopback() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      assertThat(probe.isOpen(server.getLocalPort())).isTrue();
    }
  }

  @Test
  void aPortNobodyListensOnIsClosed() throws Exception {
    int port;
    try (ServerSocket server = new ServerSocket(0)) {
      port = server.getLocalPort();
    }
    assertThat(probe.listeningAddresses(port)).isEmpty();
    assertThat(probe.closedPorts(java.util.List.of(port))).containsExactly(port);
  }
}
