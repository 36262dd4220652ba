package org.streamcount.kafkalocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {
  @Test
  void procAddressesAreDecoded() throws Exception {
    assertThat(ListeningSockets.address("0100007F:1F90"))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
    assertThat(
            ListeningSockets.address("00000000000000000000000001000000:0050")
                .getAddress()
                .isLoopbackAddress())
        .isTrue();
    assertThat(ListeningSockets.address("00000000:0050").getAddress().isAnyLocalAddress()).isTrue();
  }

  @Test
  void thisJvmListensWhereItsServerSocketIs() throws Exception {
    try (var server =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      assertThat(ListeningSockets.of(ProcessHandle.current().pid()))
          .contains(new InetSocketAddress("127.0.0.1", server.getLocalPort()));
    }
  }
}
