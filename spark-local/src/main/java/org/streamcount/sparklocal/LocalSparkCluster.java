package org.streamcount.sparklocal;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on 127.0.0.1: one master and N workers, each its own JVM started
 * from {@link SparkHome} by Spark's launcher. Its folder records pids and URLs so that {@code
 * bin/spark-local stop|status} find a cluster another command started. Plain JDK only.
 *
 * <pre>
 *   master.pid, master.url, master.web     the master and its addresses
 *   worker-N.pid                           each worker
 *   logs/                                  every daemon's output
 *   work/                                  the workers' work dirs (executor logs)
 * </pre>
 */
public final class LocalSparkCluster implements AutoCloseable {
  private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

  private final SparkHome spark;
  private final Path dir;
  private final List<Process> children = new ArrayList<>();
  private final List<OutputStream> lifelines = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private LocalSparkCluster(SparkHome spark, Path dir) {
    this.spark = spark;
    this.dir = dir.toAbsolutePath().normalize();
  }

  /**
   * Default folder: {@code $STREAMCOUNT_HOME/spark-local}, else {@code ~/.streamcount/spark-local}.
   */
  public static Path defaultDir() {
    String home = System.getenv("STREAMCOUNT_HOME");
    Path base =
        home != null && !home.isBlank()
            ? Path.of(home)
            : Path.of(System.getProperty("user.home"), ".streamcount");
    return base.resolve("spark-local");
  }

  /** The cluster recorded in {@code dir}, whether or not it runs. */
  public static LocalSparkCluster in(Path dir) {
    return new LocalSparkCluster(SparkHome.located(), dir);
  }

  /**
   * Starts a master and {@code workers} workers and waits (bounded) until the master lists them all
   * alive.
   *
   * @param attached true: the daemons stop when this JVM goes away (tests); false: they outlive it
   *     (CLI)
   */
  public static LocalSparkCluster start(
      Path dir, int workers, int coresPerWorker, String memoryPerWorker, boolean attached)
      throws IOException, InterruptedException {
    LocalSparkCluster cluster = in(dir);
    if (cluster.isRunning()) {
      throw new IllegalStateException(
          "a Spark cluster already runs in "
              + cluster.dir
              + " ("
              + cluster.masterUrl().orElse("?")
              + ")");
    }
    cluster.launch(workers, coresPerWorker, memoryPerWorker, attached);
    return cluster;
  }

  private void launch(int workers, int cores, String memory, boolean attached)
      throws IOException, InterruptedException {
    clearState();
    Files.createDirectories(dir.resolve("logs"));
    int port = freePort();
    int web = freePort();
    String master = "spark://127.0.0.1:" + port;
    write("master.url", master);
    write("master.web", "http://127.0.0.1:" + web);
    Process m =
        daemon(
            "master",
            "org.apache.spark.deploy.master.Master",
            List.of(
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--webui-port",
                String.valueOf(web)),
            attached);
    write("master.pid", String.valueOf(m.pid()));
    awaitJson(json -> "ALIVE".equals(match(STATUS, json)), "the master to start");
    for (int i = 1; i <= workers; i++) {
      Path work = dir.resolve("work").resolve("worker-" + i);
      Files.createDirectories(work);
      Process w =
          daemon(
              "worker-" + i,
              "org.apache.spark.deploy.worker.Worker",
              List.of(
                  "--host",
                  "127.0.0.1",
                  "--port",
                  String.valueOf(freePort()),
                  "--webui-port",
                  String.valueOf(freePort()),
                  "--cores",
                  String.valueOf(cores),
                  "--memory",
                  memory,
                  "--work-dir",
                  work.toString(),
                  master),
              attached);
      write("worker-" + i + ".pid", String.valueOf(w.pid()));
    }
    awaitJson(
        json ->
            Integer.parseInt(Optional.ofNullable(match(ALIVE_WORKERS, json)).orElse("0"))
                >= workers,
        workers + " worker(s) to register");
  }

  private Process daemon(String name, String mainClass, List<String> args, boolean attached)
      throws IOException, InterruptedException {
    List<String> command =
        attached ? spark.attachedCommand(mainClass, args) : spark.command(mainClass, args);
    File log = dir.resolve("logs").resolve(name + ".log").toFile();
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .redirectErrorStream(true);
    if (!attached) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    builder.environment().putAll(spark.environment());
    Process p = builder.start();
    children.add(p);
    if (attached) {
      lifelines.add(p.getOutputStream());
    }
    return p;
  }

  /**
   * Runs spark-submit (client mode) against this cluster; the caller waits for or stops the
   * returned driver process.
   *
   * @param args spark-submit's arguments without {@code --master}
   */
  public Process submit(List<String> args, Path stdout, Path stderr)
      throws IOException, InterruptedException {
    List<String> full =
        new ArrayList<>(
            List.of(
                "--master",
                masterUrl()
                    .orElseThrow(
                        () -> new IllegalStateException("no Spark master runs in " + dir))));
    full.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(spark.command("org.apache.spark.deploy.SparkSubmit", full))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().putAll(spark.environment());
    return builder.start();
  }

  public Optional<String> masterUrl() {
    return read("master.url");
  }

  public Optional<String> webUrl() {
    return read("master.web");
  }

  public SparkHome sparkHome() {
    return spark;
  }

  public Path dir() {
    return dir;
  }

  /** The master's {@code /json/}: workers, their cores in use, active applications. */
  public String json() throws IOException, InterruptedException {
    String web =
        webUrl().orElseThrow(() -> new IllegalStateException("no Spark master recorded in " + dir));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(web + "/json/"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return response.body();
  }

  public boolean isRunning() {
    return processOf("master.pid").isPresent();
  }

  /** Every recorded daemon still alive, by name. */
  public List<String> runningDaemons() {
    List<String> names = new ArrayList<>();
    try (var files = Files.list(dir)) {
      files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".pid"))
          .sorted()
          .forEach(
              n -> {
                if (processOf(n).isPresent()) {
                  names.add(n.substring(0, n.length() - 4));
                }
              });
    } catch (IOException e) {
      // no folder: nothing runs
    }
    return names;
  }

  /**
   * Stops the workers, then the master, then any executor the workers left behind (SIGTERM, SIGKILL
   * after 20 s each).
   */
  @Override
  public void close() {
    List<String> daemons = runningDaemons();
    daemons.sort((a, b) -> a.equals("master") ? 1 : b.equals("master") ? -1 : a.compareTo(b));
    for (String name : daemons) {
      processOf(name + ".pid").ifPresent(LocalSparkCluster::stop);
    }
    executors().forEach(LocalSparkCluster::stop);
    for (OutputStream lifeline : lifelines) {
      try {
        lifeline.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
    try {
      for (Process child : children) {
        child.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // their lifelines are closed: they end by themselves
    }
    clearState();
  }

  /**
   * Executor JVMs running in this cluster's work dirs. A worker told to stop kills its executors,
   * but the master, seeing them exit, can ask the stopping worker for a replacement, and the worker
   * may start it after its own shutdown began: that executor outlives its worker and keeps serving
   * the driver (seen in CI). Linux only ({@code /proc/PID/cwd}); elsewhere none.
   */
  public List<ProcessHandle> executors() {
    Path work = dir.resolve("work");
    try {
      Path real = work.toRealPath();
      return ProcessHandle.allProcesses().filter(p -> runsIn(p, real)).toList();
    } catch (IOException e) {
      return List.of(); // no work dir: no executor ever ran
    }
  }

  private static boolean runsIn(ProcessHandle process, Path dir) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"))
          .startsWith(dir);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false; // gone, another user's, or no /proc
    }
  }

  private static void stop(ProcessHandle process) {
    process.destroy();
    try {
      process.onExit().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
  }

  private void awaitJson(java.util.function.Predicate<String> ready, String what)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      for (Process child : children) {
        if (!child.isAlive()) {
          throw new IOException(
              "a Spark daemon exited while waiting for " + what + "; see " + dir.resolve("logs"));
        }
      }
      try {
        last = json();
        if (ready.test(last)) {
          return;
        }
      } catch (IOException notYet) {
        // the web UI is not up yet
      }
      Thread.sleep(300);
    }
    throw new IOException(
        "timed out after "
            + READY_TIMEOUT.toSeconds()
            + " s waiting for "
            + what
            + "; see "
            + dir.resolve("logs")
            + (last.isEmpty() ? "" : "; master said: " + last));
  }

  private Optional<ProcessHandle> processOf(String pidFile) {
    return read(pidFile)
        .flatMap(
            pid -> {
              try {
                return ProcessHandle.of(Long.parseLong(pid));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            })
        .filter(ProcessHandle::isAlive);
  }

  private Optional<String> read(String file) {
    try {
      Path p = dir.resolve(file);
      return Files.exists(p) ? Optional.of(Files.readString(p).trim()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void write(String file, String value) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(file), value + "\n");
  }

  private void clearState() {
    try (var files = Files.list(dir)) {
      for (Path f :
          files
              .filter(
                  f ->
                      f.toString().endsWith(".pid")
                          || f.toString().endsWith(".url")
                          || f.toString().endsWith(".web"))
              .toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // nothing recorded yet
    }
  }

  static String match(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
