package org.streamcount.kafkalocal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * For tests: a main class in its own JVM with the calling JVM's classpath (and the classes it loads
 * shared with the children of its kind: {@link ChildClassData}). That is how users meet exit codes
 * and messages, and what a kill -9 really kills. Plain JDK only.
 */
public final class JavaProcess {
  private final Process process;
  private final Path out;
  private final Path err;

  private JavaProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /**
   * A background job of a non-interactive shell (a CI runner's {@code cmd &}, {@code nohup}) has
   * SIGINT ignored, its children inherit that, and a JVM that starts with SIGINT ignored never
   * installs its Ctrl-C handler: a child would not stop on SIGINT as the process a user starts from
   * a terminal does (seen: StopIT's SIGINT case, in a CI run started with {@code &}). GNU env
   * (coreutils 8.31+) starts the child with SIGINT at its default where it can.
   */
  private static final List<String> DEFAULT_SIGNALS = defaultSignals();

  /**
   * A test's child lives seconds and counts little, and a test run starts hundreds of them on two
   * cores: the optimizing compiler's work would not pay for itself there (measured: a sixth less
   * CPU for DirectRunnerRestartIT and StreamCountEndToEndIT). A child's own options come after, so
   * a test that needs the optimizing compiler can still ask for it.
   */
  private static final List<String> SHORT_LIVED = List.of("-XX:TieredStopAtLevel=1");

  private static List<String> defaultSignals() {
    List<String> prefix = List.of("env", "--default-signal=INT");
    List<String> probe = new ArrayList<>(prefix);
    probe.add("true");
    // without an env that can, children inherit the signal dispositions as they are
    return succeeds(probe, 10, TimeUnit.SECONDS) ? prefix : List.of();
  }

  /**
   * Whether {@code command}, its output discarded, ends with exit 0 within the bound; one that does
   * not end by then is killed, one that cannot start counts as failed.
   */
  static boolean succeeds(List<String> command, long timeout, TimeUnit unit) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (process.waitFor(timeout, unit)) {
        return process.exitValue() == 0;
      }
      process.destroyForcibly();
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  public static JavaProcess start(Class<?> main, String... args) throws IOException {
    return start(null, main, args);
  }

  /**
   * @param stdin a file to read standard input from, or null for none
   */
  public static JavaProcess start(Path stdin, Class<?> main, String... args) throws IOException {
    return start(List.of("-Xmx1g"), stdin, main, args);
  }

  /**
   * @param jvmArgs options for the child JVM (heap, --add-opens, system properties)
   * @param stdin a file to read standard input from, or null for none
   */
  public static JavaProcess start(List<String> jvmArgs, Path stdin, Class<?> main, String... args)
      throws IOException {
    return start(jvmArgs, List.of(), stdin, main, args);
  }

  /**
   * @param unsetEnvironment variables of this JVM's environment that the child must not inherit
   */
  public static JavaProcess start(
      List<String> jvmArgs,
      List<String> unsetEnvironment,
      Path stdin,
      Class<?> main,
      String... args)
      throws IOException {
    List<String> command = new ArrayList<>(DEFAULT_SIGNALS);
    command.add(javaCommand());
    command.addAll(SHORT_LIVED);
    command.addAll(jvmArgs);
    ChildClassData.Use classData = ChildClassData.forChild(main, jvmArgs, List.of(args));
    command.addAll(classData.jvmOptions());
    command.add("-cp");
    command.add(ChildClassData.jarsFirst(System.getProperty("java.class.path")));
    command.add(main.getName());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("java-process", ".out");
    Path err = Files.createTempFile("java-process", ".err");
    ProcessBuilder builder = new ProcessBuilder(command);
    unsetEnvironment.forEach(builder.environment()::remove);
    Process p =
        builder
            .redirectInput(
                ProcessBuilder.Redirect.from(
                    stdin == null ? new java.io.File("/dev/null") : stdin.toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    p.onExit().thenRun(classData.exited());
    return new JavaProcess(p, out, err);
  }

  /** The java command of the JVM this runs in, for the JVMs it starts. */
  static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Runs to the end (bounded) and returns what it said. */
  public static Result run(Duration timeout, Class<?> main, String... args) throws Exception {
    JavaProcess p = start(main, args);
    return p.awaitExit(timeout);
  }

  public Result awaitExit(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("still running after " + timeout + "; stderr:\n" + stderr());
    }
    return new Result(process.exitValue(), stdout(), stderr());
  }

  /** Waits until the process has written {@code text} to stderr (a start line, a status line). */
  public void awaitStderr(String text, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!stderr().contains(text)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            (process.isAlive()
                    ? "no '" + text + "' after " + timeout
                    : "exited before '" + text + "'")
                + "; stderr:\n"
                + stderr());
      }
      Thread.sleep(100);
    }
  }

  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  public void terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      kill();
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String stdout() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  public String stderr() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  public record Result(int exitCode, String stdout, String stderr) {}
}
