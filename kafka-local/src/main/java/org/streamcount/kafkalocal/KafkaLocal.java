package org.streamcount.kafkalocal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/kafka-local start|stop|status|run}: a real single-node KRaft broker on 127.0.0.1.
 *
 * <p>{@code start} launches {@code run} as a detached JVM and returns once the broker answers,
 * printing its bootstrap address as the last line of stdout. Everything else goes to stderr so that
 * {@code BOOTSTRAP=$(bin/kafka-local start)} works.
 */
@Command(
    name = "kafka-local",
    mixinStandardHelpOptions = true,
    description =
        "A real Apache Kafka broker (KRaft, single node) for streamcount's demo and tests.",
    subcommands = {
      KafkaLocal.Start.class,
      KafkaLocal.Stop.class,
      KafkaLocal.Status.class,
      KafkaLocal.Run.class
    })
public final class KafkaLocal {
  /** First word of the line {@code run} prints once the broker answers. */
  static final String READY_PREFIX = "READY ";

  static final int EXIT_FAILED = 1;

  /** LSB convention for "program is not running". */
  static final int EXIT_NOT_RUNNING = 3;

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new KafkaLocal());
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("kafka-local: " + e.getMessage());
          return EXIT_FAILED;
        });
    // `run` returns only once its broker has shut down.
    System.exit(cli.execute(args));
  }

  static class DirOption {
    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description =
            "Folder for the broker's configuration, data and logs (default: ${DEFAULT-VALUE}).")
    Path dir = BrokerHome.defaultDir();
  }

  static class ListenerOptions {
    @Option(
        names = "--port",
        paramLabel = "PORT",
        description =
            "PLAINTEXT port on 127.0.0.1; default: the port of the last run in DIR, else a free one.")
    int port;

    @Option(
        names = "--sasl-port",
        paramLabel = "PORT",
        description =
            "SASL_PLAINTEXT port when --sasl-user is given; default: last run's, else a free one.")
    int saslPort;

    @Option(
        names = "--sasl-user",
        paramLabel = "NAME:PASSWORD",
        description =
            "Adds a SASL_PLAINTEXT listener (mechanism PLAIN) with this user; repeatable.")
    List<String> saslUsers = new ArrayList<>();

    @Option(
        names = "--sasl-users-file",
        paramLabel = "FILE",
        description =
            "SASL users as NAME:PASSWORD lines (what `start` passes on, so that no password is on a command line).")
    Path saslUsersFile;

    @Option(
        names = "--ssl",
        description =
            "Adds an SSL listener with a self-signed certificate for 127.0.0.1, made once in DIR/ssl/;"
                + " clients trust it with DIR/ssl/client-ssl.properties.")
    boolean ssl;

    @Option(
        names = "--ssl-port",
        paramLabel = "PORT",
        description = "SSL port when --ssl is given; default: last run's, else a free one.")
    int sslPort;

    Map<String, String> users() throws IOException {
      Map<String, String> users = new LinkedHashMap<>();
      List<String> specs = new ArrayList<>(saslUsers);
      if (saslUsersFile != null) {
        java.nio.file.Files.readAllLines(saslUsersFile, java.nio.charset.StandardCharsets.UTF_8)
            .stream()
            .filter(line -> !line.isBlank())
            .forEach(specs::add);
      }
      for (String spec : specs) {
        int colon = spec.indexOf(':');
        if (colon <= 0) {
          throw new CommandLine.ParameterException(
              new CommandLine(this), "--sasl-user must be NAME:PASSWORD, got a value without ':'");
        }
        users.put(spec.substring(0, colon), spec.substring(colon + 1));
      }
      return users;
    }
  }

  @Command(name = "run", description = "Runs the broker in the foreground (what `start` launches).")
  static final class Run implements Callable<Integer> {
    @CommandLine.Mixin DirOption dir = new DirOption();
    @CommandLine.Mixin ListenerOptions listeners = new ListenerOptions();

    @Option(
        names = "--attached",
        description = "Stop when stdin closes (the parent process is gone).")
    boolean attached;

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        defaultValue = "60",
        description =
            "Give up if the broker does not answer within this time (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
      BrokerHome home = new BrokerHome(dir.dir);
      Optional<ProcessHandle> other =
          home.runningBroker().filter(p -> p.pid() != ProcessHandle.current().pid());
      if (other.isPresent()) {
        System.err.println(
            "kafka-local: a broker already runs in "
                + home.dir()
                + " (pid "
                + other.get().pid()
                + ")");
        return EXIT_FAILED;
      }
      Properties config = configure(home, listeners);
      home.saveServerProperties(config);
      format(home);

      home.writeAtomically(home.pidFile(), ProcessHandle.current().pid() + "\n");
      Runtime.getRuntime()
          .addShutdownHook(new Thread(home::clearRuntimeFiles, "kafka-local-cleanup"));
      announceWhenReady(home, config, Duration.ofSeconds(timeoutSeconds));
      if (attached) {
        exitWhenStdinCloses();
      }
      // Blocks until the broker shuts down; Kafka's own hook stops it on SIGTERM or System.exit.
      kafka.Kafka.main(new String[] {home.serverProperties().toString()});
      return 0;
    }

    private static Properties configure(BrokerHome home, ListenerOptions options)
        throws IOException, InterruptedException {
      Properties previous = home.loadServerProperties().orElseGet(Properties::new);
      int port =
          options.port > 0 ? options.port : BrokerConfig.portOf(previous, BrokerConfig.PLAINTEXT);
      int saslPort =
          options.saslPort > 0
              ? options.saslPort
              : BrokerConfig.portOf(previous, BrokerConfig.SASL_PLAINTEXT);
      int controllerPort = BrokerConfig.portOf(previous, BrokerConfig.CONTROLLER);
      int sslPort =
          options.sslPort > 0 ? options.sslPort : BrokerConfig.portOf(previous, BrokerConfig.SSL);
      return BrokerConfig.create(
          home,
          port,
          saslPort,
          controllerPort,
          options.users(),
          sslPort,
          options.ssl ? BrokerCertificate.of(home) : null);
    }

    private static void format(BrokerHome home) {
      if (home.isFormatted()) {
        return;
      }
      String[] args = {
        "format",
        "--cluster-id",
        Uuid.randomUuid().toString(),
        "--config",
        home.serverProperties().toString(),
        "--ignore-formatted"
      };
      int code = kafka.tools.StorageTool.execute(args, System.err);
      if (code != 0) {
        throw new IllegalStateException(
            "formatting " + home.dataDir() + " failed (exit code " + code + ")");
      }
    }

    private static void announceWhenReady(BrokerHome home, Properties config, Duration timeout) {
      Map<String, String> clientListeners = BrokerConfig.clientListeners(config);
      String bootstrap = clientListeners.get(BrokerConfig.PLAINTEXT);
      Thread announcer =
          new Thread(
              () -> {
                try {
                  if (!Readiness.await(bootstrap, timeout)) {
                    System.err.println(
                        "kafka-local: the broker did not answer on "
                            + bootstrap
                            + " within "
                            + timeout.toSeconds()
                            + " s; see "
                            + home.logFile());
                    System.exit(EXIT_FAILED);
                  }
                  String spec =
                      clientListeners.entrySet().stream()
                          .map(e -> e.getKey() + "=" + e.getValue())
                          .collect(Collectors.joining(" "));
                  home.writeAtomically(home.listenersFile(), spec.replace(' ', '\n') + "\n");
                  home.writeAtomically(home.bootstrapFile(), bootstrap + "\n");
                  PrintStream out = System.out;
                  out.println(READY_PREFIX + spec);
                  out.flush();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (IOException e) {
                  System.err.println(
                      "kafka-local: cannot write " + home.dir() + ": " + e.getMessage());
                  System.exit(EXIT_FAILED);
                }
              },
              "kafka-local-readiness");
      announcer.setDaemon(true);
      announcer.start();
    }

    private static void exitWhenStdinCloses() {
      Thread watcher =
          new Thread(
              () -> {
                try {
                  InputStream in = System.in;
                  while (in.read() >= 0) {
                    // nothing is ever sent; only the end of the stream matters
                  }
                } catch (IOException ignored) {
                  // a broken pipe means the same as EOF: the parent is gone
                }
                System.exit(0);
              },
              "kafka-local-lifeline");
      watcher.setDaemon(true);
      watcher.start();
    }
  }

  @Command(
      name = "start",
      description = "Starts the broker in the background; prints its bootstrap address last.")
  static final class Start implements Callable<Integer> {
    @CommandLine.Mixin DirOption dir = new DirOption();
    @CommandLine.Mixin ListenerOptions listeners = new ListenerOptions();

    @Option(
        names = "--heap",
        defaultValue = "1g",
        description = "Broker JVM heap (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        defaultValue = "60",
        description =
            "Wait at most this long for the broker to answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--verbose", description = "Log the broker at DEBUG level (in DIR/broker.log).")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
      BrokerHome home = new BrokerHome(dir.dir);
      Optional<ProcessHandle> running = home.runningBroker();
      if (running.isPresent()) {
        String bootstrap = home.bootstrap().orElse("(starting)");
        System.err.println(
            "kafka-local: already running (pid " + running.get().pid() + ") in " + home.dir());
        System.out.println(bootstrap);
        return 0;
      }
      home.clearRuntimeFiles();
      java.nio.file.Files.createDirectories(home.dir());
      List<String> command = LocalBroker.javaCommand(home, heap);
      if (verbose) {
        command.add(1, "-Dstreamcount.kafka.level=DEBUG");
      }
      command.add("run");
      command.add("--dir=" + home.dir());
      command.add("--timeout=" + timeoutSeconds);
      if (listeners.port > 0) {
        command.add("--port=" + listeners.port);
      }
      if (listeners.saslPort > 0) {
        command.add("--sasl-port=" + listeners.saslPort);
      }
      Map<String, String> users = listeners.users();
      if (!users.isEmpty()) {
        // In a file, not on the broker's command line, where every user of the machine can read it.
        home.saveSaslUsers(users);
        command.add("--sasl-users-file=" + home.saslUsersFile());
      }
      if (listeners.ssl) {
        command.add("--ssl");
        if (listeners.sslPort > 0) {
          command.add("--ssl-port=" + listeners.sslPort);
        }
      }

      System.err.println("kafka-local: starting a KRaft broker in " + home.dir() + " ...");
      long started = System.nanoTime();
      Process broker =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.appendTo(home.outFile().toFile()))
              .redirectErrorStream(true)
              .start();
      long deadline = started + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      while (System.nanoTime() < deadline) {
        Optional<String> bootstrap = home.bootstrap();
        if (bootstrap.isPresent()) {
          System.err.printf(
              "kafka-local: ready in %.1f s (pid %d, log %s)%n",
              (System.nanoTime() - started) / 1e9, broker.pid(), home.logFile());
          if (listeners.ssl) {
            System.err.println(
                "kafka-local: SSL listener "
                    + home.listeners().getOrDefault(BrokerConfig.SSL, "?")
                    + "; clients: --kafkaConfig="
                    + BrokerCertificate.of(home).clientProperties());
          }
          System.out.println(bootstrap.get());
          return 0;
        }
        if (!broker.isAlive()) {
          System.err.println(
              "kafka-local: the broker exited during start-up (exit code "
                  + broker.exitValue()
                  + "):");
          System.err.println(home.tail(home.outFile(), 20));
          return EXIT_FAILED;
        }
        Thread.sleep(100);
      }
      broker.destroyForcibly();
      System.err.println(
          "kafka-local: the broker did not answer within "
              + timeoutSeconds
              + " s; see "
              + home.logFile());
      return EXIT_FAILED;
    }
  }

  @Command(
      name = "stop",
      description = "Stops the broker (SIGTERM, then SIGKILL after the timeout).")
  static final class Stop implements Callable<Integer> {
    @CommandLine.Mixin DirOption dir = new DirOption();

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        defaultValue = "30",
        description =
            "Wait this long for a clean shutdown before killing (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
      BrokerHome home = new BrokerHome(dir.dir);
      Optional<ProcessHandle> running = home.runningBroker();
      if (running.isEmpty()) {
        System.err.println("kafka-local: not running (" + home.dir() + ")");
        home.clearRuntimeFiles();
        return 0;
      }
      ProcessHandle broker = running.get();
      long started = System.nanoTime();
      broker.destroy();
      boolean clean = waitForExit(broker, Duration.ofSeconds(timeoutSeconds));
      if (!clean) {
        System.err.println(
            "kafka-local: no clean shutdown within "
                + timeoutSeconds
                + " s, killing pid "
                + broker.pid());
        broker.destroyForcibly();
        waitForExit(broker, Duration.ofSeconds(10));
      }
      home.clearRuntimeFiles();
      System.err.printf(
          "kafka-local: stopped (pid %d) in %.1f s%n",
          broker.pid(), (System.nanoTime() - started) / 1e9);
      return 0;
    }

    private static boolean waitForExit(ProcessHandle process, Duration timeout)
        throws InterruptedException {
      try {
        process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return true;
      } catch (java.util.concurrent.TimeoutException e) {
        return false;
      } catch (java.util.concurrent.ExecutionException e) {
        return !process.isAlive();
      }
    }
  }

  @Command(
      name = "status",
      description = "Says whether the broker runs; exit code 0 if it does, 3 if not.")
  static final class Status implements Callable<Integer> {
    @CommandLine.Mixin DirOption dir = new DirOption();

    @Override
    public Integer call() {
      BrokerHome home = new BrokerHome(dir.dir);
      Optional<ProcessHandle> running = home.runningBroker();
      if (running.isEmpty()) {
        System.out.println("not running (" + home.dir() + ")");
        return EXIT_NOT_RUNNING;
      }
      System.out.println(
          "running pid="
              + running.get().pid()
              + " bootstrap="
              + home.bootstrap().orElse("(starting)")
              + " dir="
              + home.dir());
      return 0;
    }
  }
}
