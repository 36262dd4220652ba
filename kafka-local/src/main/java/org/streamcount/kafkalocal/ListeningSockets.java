package org.streamcount.kafkalocal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The TCP sockets a process listens on, read from Linux's /proc as {@code ss -ltnp} does: the
 * socket inodes among the process's open files, matched with the LISTEN rows of /proc/net/tcp and
 * tcp6. Plain JDK, so that the check needs no tool on the machine. For the tests that fail on a
 * socket beyond loopback.
 */
public final class ListeningSockets {
  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  public static List<InetSocketAddress> of(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds =
        Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor went away while we listed: not a listening socket
        }
      }
    }
    Map<String, InetSocketAddress> listening = new HashMap<>();
    for (String table : List.of("tcp", "tcp6")) {
      Path file = Path.of("/proc", Long.toString(pid), "net", table);
      if (!Files.exists(file)) {
        continue;
      }
      List<String> rows = Files.readAllLines(file);
      for (String line : rows.subList(1, rows.size())) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && f[3].equals(LISTEN) && inodes.contains(f[9])) {
          listening.put(f[9], address(f[1]));
        }
      }
    }
    return new ArrayList<>(listening.values());
  }

  /**
   * {@code 0100007F:1F90} (IPv4) or 32 hex digits and a port (IPv6), each 32-bit word
   * little-endian.
   */
  public static InetSocketAddress address(String hex) throws IOException {
    String[] hostPort = hex.split(":");
    String host = hostPort[0];
    byte[] bytes = new byte[host.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int b = 0; b < 4; b++) {
        int at = word * 8 + (3 - b) * 2;
        bytes[word * 4 + b] = (byte) Integer.parseInt(host.substring(at, at + 2), 16);
      }
    }
    return new InetSocketAddress(
        InetAddress.getByAddress(bytes), Integer.parseInt(hostPort[1], 16));
  }
}
