package org.streamcount.kafkalocal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The folder one local broker lives in. Everything about a broker is a file here, so that {@code
 * start}, {@code stop}, {@code status} and a restart on the same data find each other without any
 * other registry. Plain JDK only: the tests' JVMs load this class too.
 *
 * <pre>
 *   server.properties   the broker's configuration (ports survive restarts)
 *   data/               the log dirs, formatted once
 *   broker.pid          pid of the running broker JVM
 *   bootstrap           host:port of the PLAINTEXT listener, written once the broker answers
 *   listeners           every client listener, name=host:port per line
 *   broker.log          the broker's own log (log4j2)
 *   broker.out          the broker JVM's stdout/stderr
 * </pre>
 */
public final class BrokerHome {
  private final Path dir;

  public BrokerHome(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /**
   * Default folder: {@code $STREAMCOUNT_HOME/kafka-local}, else {@code ~/.streamcount/kafka-local}.
   */
  public static Path defaultDir() {
    String home = System.getenv("STREAMCOUNT_HOME");
    Path base =
        home != null && !home.isBlank()
            ? Path.of(home)
            : Path.of(System.getProperty("user.home"), ".streamcount");
    return base.resolve("kafka-local");
  }

  public Path dir() {
    return dir;
  }

  public Path serverProperties() {
    return dir.resolve("server.properties");
  }

  public Path dataDir() {
    return dir.resolve("data");
  }

  public Path pidFile() {
    return dir.resolve("broker.pid");
  }

  public Path bootstrapFile() {
    return dir.resolve("bootstrap");
  }

  public Path listenersFile() {
    return dir.resolve("listeners");
  }

  public Path logFile() {
    return dir.resolve("broker.log");
  }

  public Path outFile() {
    return dir.resolve("broker.out");
  }

  public boolean isFormatted() {
    return Files.exists(dataDir().resolve("meta.properties"));
  }

  /** The broker recorded in the pid file, if that process is still alive. */
  public Optional<ProcessHandle> runningBroker() {
    try {
      if (!Files.exists(pidFile())) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(pidFile()).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  public Optional<String> bootstrap() {
    return readTrimmed(bootstrapFile());
  }

  /** The running broker's client listeners, name to host:port; empty when none runs. */
  public Map<String, String> listeners() {
    return LocalBroker.parseListeners(readTrimmed(listenersFile()).orElse(""));
  }

  public Optional<Properties> loadServerProperties() throws IOException {
    if (!Files.exists(serverProperties())) {
      return Optional.empty();
    }
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(serverProperties(), StandardCharsets.UTF_8)) {
      props.load(in);
    }
    return Optional.of(props);
  }

  /** Owner-only (0600): with SASL users it holds their passwords. */
  public void saveServerProperties(Properties props) throws IOException {
    java.io.StringWriter text = new java.io.StringWriter();
    props.store(text, "streamcount kafka-local: single-node KRaft broker");
    writeAtomically(serverProperties(), text.toString());
  }

  /**
   * The SASL users of the next start, {@code NAME:PASSWORD} per line, owner-only (0600): how {@code
   * start} hands passwords to the broker JVM without putting them on its command line.
   */
  public Path saslUsersFile() {
    return dir.resolve("sasl-users");
  }

  public void saveSaslUsers(Map<String, String> users) throws IOException {
    StringBuilder text = new StringBuilder();
    users.forEach((user, password) -> text.append(user).append(':').append(password).append('\n'));
    writeAtomically(saslUsersFile(), text.toString());
  }

  /** Written atomically so a reader never sees half a line. */
  public void writeAtomically(Path file, String content) throws IOException {
    Files.createDirectories(dir);
    // Owner-only (0600) before anything is written: server.properties and sasl-users hold
    // passwords.
    Path tmp =
        Files.createTempFile(
            dir,
            file.getFileName().toString(),
            ".tmp",
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Forget everything that describes a running broker (not the data). */
  public void clearRuntimeFiles() {
    for (Path p : new Path[] {pidFile(), bootstrapFile(), listenersFile()}) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a stale file is re-checked against the live pid anyway
      }
    }
  }

  /** The last lines of the broker's output, to explain a failed start. */
  public String tail(Path file, int lines) {
    try {
      if (!Files.exists(file)) {
        return "";
      }
      var all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join(
          System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "";
    }
  }

  private static Optional<String> readTrimmed(Path file) {
    try {
      return Files.exists(file)
          ? Optional.of(Files.readString(file).trim()).filter(s -> !s.isEmpty())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
