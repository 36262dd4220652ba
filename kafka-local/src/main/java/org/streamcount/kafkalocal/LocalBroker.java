package org.streamcount.kafkalocal;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Kafka broker in a child JVM, for tests and tools that must not share the broker's
 * classpath (the broker is Kafka 4.x; the pipeline's client is 3.9).
 *
 * <p>The child is {@code KafkaLocal run --attached}: it stops when this JVM closes its stdin, so a
 * test JVM that dies (even by SIGKILL) never leaves a broker behind. Plain JDK only.
 */
public final class LocalBroker implements AutoCloseable {
  /**
   * System property naming kafka-local's build folder (with classes/ and lib/), set by the build
   * for every module's tests so that they use this checkout's broker, not an installed one.
   */
  public static final String TARGET_PROPERTY = "streamcount.kafkaLocal.target";

  private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

  private final BrokerHome home;
  private final Options options;
  private Process process;
  private OutputStream lifeline;
  private Map<String, String> listeners = Map.of();

  /** How to start the broker; every field has a default that suits tests. */
  public record Options(
      int port,
      int saslPort,
      Map<String, String> saslUsers,
      boolean ssl,
      String heap,
      Duration startTimeout) {
    public static Options defaults() {
      return new Options(0, 0, Map.of(), false, "768m", DEFAULT_START_TIMEOUT);
    }

    public Options withSaslUsers(Map<String, String> users) {
      return new Options(port, saslPort, users, ssl, heap, startTimeout);
    }

    /** Adds an SSL listener with a self-signed certificate ({@link BrokerCertificate}). */
    public Options withSsl() {
      return new Options(port, saslPort, saslUsers, true, heap, startTimeout);
    }

    public Options withHeap(String newHeap) {
      return new Options(port, saslPort, saslUsers, ssl, newHeap, startTimeout);
    }
  }

  private LocalBroker(BrokerHome home, Options options) {
    this.home = home;
    this.options = options;
  }

  /** Starts a broker in {@code dir} (formatted on first use) and waits until it answers. */
  public static LocalBroker start(Path dir, Options options)
      throws IOException, InterruptedException {
    LocalBroker broker = new LocalBroker(new BrokerHome(dir), options);
    broker.launch();
    return broker;
  }

  public static LocalBroker start(Path dir) throws IOException, InterruptedException {
    return start(dir, Options.defaults());
  }

  /** PLAINTEXT bootstrap address, host:port. */
  public String bootstrapServers() {
    return listeners.get(BrokerConfig.PLAINTEXT);
  }

  /** SASL_PLAINTEXT bootstrap address, when the broker was started with SASL users. */
  public String saslBootstrapServers() {
    String sasl = listeners.get(BrokerConfig.SASL_PLAINTEXT);
    if (sasl == null) {
      throw new IllegalStateException("this broker has no SASL listener (start it with saslUsers)");
    }
    return sasl;
  }

  /** SSL bootstrap address, when the broker was started with {@link Options#withSsl}. */
  public String sslBootstrapServers() {
    String ssl = listeners.get(BrokerConfig.SSL);
    if (ssl == null) {
      throw new IllegalStateException("this broker has no SSL listener (start it withSsl)");
    }
    return ssl;
  }

  /** The client properties that trust the SSL listener's certificate (owner-only). */
  public Path sslClientConfig() throws IOException, InterruptedException {
    return BrokerCertificate.of(home).clientProperties();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public BrokerHome home() {
    return home;
  }

  /** SIGTERM: the broker shuts down cleanly (about 2 s). */
  public void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    closeLifeline();
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    home.clearRuntimeFiles();
  }

  /** SIGKILL: no shutdown at all, as when a machine loses power. */
  public void kill() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    closeLifeline();
    home.clearRuntimeFiles();
  }

  /** Starts again on the same data and the same ports (after {@link #stop} or {@link #kill}). */
  public void restart() throws IOException, InterruptedException {
    if (isAlive()) {
      stop();
    }
    launch();
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      // the broker's lifeline ends it with this JVM; the caller learns of the interrupt
      Thread.currentThread().interrupt();
    }
  }

  private void launch() throws IOException, InterruptedException {
    Files.createDirectories(home.dir());
    List<String> command = javaCommand(home, options.heap());
    command.add("run");
    command.add("--attached");
    command.add("--dir=" + home.dir());
    if (options.port() > 0) {
      command.add("--port=" + options.port());
    }
    if (!options.saslUsers().isEmpty()) {
      if (options.saslPort() > 0) {
        command.add("--sasl-port=" + options.saslPort());
      }
      // In a file, not on the broker's command line, where every user of the machine can read it.
      home.saveSaslUsers(options.saslUsers());
      command.add("--sasl-users-file=" + home.saslUsersFile());
    }
    if (options.ssl()) {
      command.add("--ssl");
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(home.outFile().toFile()));
    process = builder.start();
    lifeline = process.getOutputStream();
    listeners = awaitReady(process, options.startTimeout());
  }

  private Map<String, String> awaitReady(Process child, Duration timeout)
      throws InterruptedException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Map<String, String>> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.startsWith(KafkaLocal.READY_PREFIX)) {
                    return parseListeners(line.substring(KafkaLocal.READY_PREFIX.length()));
                  }
                }
                return null;
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try {
      Map<String, String> found = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (found != null) {
        drainInBackground(out);
        return found;
      }
      throw new IllegalStateException(
          "the Kafka broker exited during start-up (exit code "
              + child.waitFor()
              + "); its output:\n"
              + home.tail(home.outFile(), 40)
              + "\n"
              + home.tail(home.logFile(), 40));
    } catch (TimeoutException e) {
      child.destroyForcibly();
      throw new IllegalStateException(
          "the Kafka broker did not answer within "
              + timeout.toSeconds()
              + " s; see "
              + home.logFile(),
          e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not read the Kafka broker's output", e.getCause());
    }
  }

  private static void drainInBackground(BufferedReader out) {
    Thread drain =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // the child's stdout carries only the READY line; keep the pipe from filling up
                }
              } catch (IOException ignored) {
                // the broker is gone
              }
            },
            "kafka-local-stdout");
    drain.setDaemon(true);
    drain.start();
  }

  static Map<String, String> parseListeners(String spec) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : spec.trim().split("\\s+")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        out.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return out;
  }

  private void closeLifeline() {
    try {
      if (lifeline != null) {
        lifeline.close();
      }
    } catch (IOException ignored) {
      // already closed
    }
  }

  /** {@code java <opts> -cp <broker classpath> org.streamcount.kafkalocal.KafkaLocal}. */
  static List<String> javaCommand(BrokerHome home, String heap) {
    List<String> command = new ArrayList<>();
    command.add(JavaProcess.javaCommand());
    command.add("-Xms128m");
    command.add("-Xmx" + heap);
    command.add("-XX:+UseG1GC");
    command.add("-Djava.awt.headless=true");
    command.add("-Dlog4j2.configurationFile=classpath:kafka-local-log4j2.properties");
    command.add("-Dstreamcount.kafka.log=" + home.logFile());
    command.add("-cp");
    command.add(brokerClasspath());
    command.add(KafkaLocal.class.getName());
    return command;
  }

  /**
   * kafka-local's classes, its lib/ folder, and the paths of this project's modules it uses
   * (target/reactor-classpath.txt: jars, or class folders before {@code package}).
   */
  static String brokerClasspath() {
    String target = System.getProperty(TARGET_PROPERTY);
    if (target != null && !target.isBlank()) {
      return classpathIn(Path.of(target).resolve("classes"), Path.of(target).resolve("lib"));
    }
    Path self;
    try {
      self = Path.of(LocalBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    // self is kafka-local/target/classes or kafka-local/target/kafka-local-<version>.jar
    return classpathIn(self, self.getParent().resolve("lib"));
  }

  private static String classpathIn(Path classes, Path lib) {
    if (!Files.isDirectory(lib)) {
      throw new IllegalStateException(
          "the Kafka broker's jars are missing: expected "
              + lib
              + " (build them with: mvn -pl kafka-local package)");
    }
    String classpath = classes + File.pathSeparator + lib.resolve("*");
    Path reactor = lib.resolveSibling("reactor-classpath.txt");
    try {
      String modules = Files.isRegularFile(reactor) ? Files.readString(reactor).trim() : "";
      return modules.isEmpty() ? classpath : classpath + File.pathSeparator + modules;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + reactor, e);
    }
  }
}
