package org.streamcount.kafkalocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A loopback port nobody listens on now: for a listener of ours, or a broker that is not there. */
public final class LoopbackPort {
  private LoopbackPort() {}

  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(BrokerConfig.HOST))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + BrokerConfig.HOST, e);
    }
  }
}
