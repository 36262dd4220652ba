package org.streamcount.sparklocal;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The SPARK_HOME that this module's build assembles (jars/ and conf/), and the one way this project
 * builds a Spark command from it: Spark's own launcher ({@code org.apache.spark.launcher.Main}),
 * exactly as Spark's {@code bin/spark-class} does, so JVM flags (Java 17's --add-opens, memory,
 * spark-defaults.conf) are Spark's choice, not ours. Plain JDK only: test JVMs load this class.
 */
public final class SparkHome {
  /**
   * System property naming spark-local's build folder, set by the build for every module's tests.
   */
  public static final String TARGET_PROPERTY = "streamcount.sparkLocal.target";

  static final String SCALA_VERSION = "2.12";

  private final Path home;
  private final Path toolClasses;

  private SparkHome(Path home, Path toolClasses) {
    this.home = home.toAbsolutePath().normalize();
    this.toolClasses = toolClasses.toAbsolutePath().normalize();
  }

  /**
   * The assembled SPARK_HOME next to wherever this class was loaded from (or the build's property).
   */
  public static SparkHome located() {
    String target = System.getProperty(TARGET_PROPERTY);
    Path targetDir;
    if (target != null && !target.isBlank()) {
      targetDir = Path.of(target);
    } else {
      try {
        // spark-local/target/classes or spark-local/target/spark-local-<version>.jar
        targetDir =
            Path.of(SparkHome.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    Path home = targetDir.resolve("spark-home");
    if (!Files.isDirectory(home.resolve("jars"))) {
      throw new IllegalStateException(
          "no Spark runtime at " + home + " (build it with: bin/spark-local setup)");
    }
    return new SparkHome(home, targetDir.resolve("classes"));
  }

  public Path path() {
    return home;
  }

  public Path jars() {
    return home.resolve("jars");
  }

  public Path conf() {
    return home.resolve("conf");
  }

  /** What every process started from this SPARK_HOME needs in its environment. */
  public Map<String, String> environment() {
    return Map.of(
        "SPARK_HOME",
        home.toString(),
        "SPARK_CONF_DIR",
        conf().toString(),
        // Without it the worker looks for Spark "build directories" and every executor dies.
        "SPARK_SCALA_VERSION",
        SCALA_VERSION,
        "SPARK_LOCAL_IP",
        "127.0.0.1",
        "SPARK_DAEMON_JAVA_OPTS",
        "-Dlog4j2.configurationFile=streamcount-log4j2.properties");
  }

  /**
   * The full java command Spark's launcher builds for {@code mainClass args}.
   *
   * @throws IOException if the launcher cannot run or refuses the arguments
   */
  public List<String> command(String mainClass, List<String> args)
      throws IOException, InterruptedException {
    List<String> launcher = new ArrayList<>();
    launcher.add(javaBin());
    launcher.add("-Xmx128m");
    launcher.add("-cp");
    launcher.add(jars().resolve("*").toString());
    launcher.add("org.apache.spark.launcher.Main");
    launcher.add(mainClass);
    launcher.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(launcher).redirectErrorStream(false);
    builder.environment().putAll(environment());
    Process p = builder.start();
    byte[] out = readAll(p.getInputStream());
    String err = new String(readAll(p.getErrorStream()), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(
          "Spark's launcher refused '"
              + mainClass
              + " "
              + String.join(" ", args)
              + "': "
              + err.strip());
    }
    // As bin/spark-class reads it: a NUL and a newline mark the start, then NUL-separated
    // arguments.
    String all = new String(out, StandardCharsets.UTF_8);
    int marker = all.indexOf("\0\n");
    List<String> command = new ArrayList<>();
    for (String arg : (marker < 0 ? all : all.substring(marker + 2)).split("\0")) {
      if (!arg.isEmpty()) {
        command.add(arg);
      }
    }
    if (command.isEmpty()) {
      throw new IOException("Spark's launcher printed no command: " + err.strip());
    }
    return command;
  }

  /**
   * The launcher's command with {@link Attached} in front of the main class: the process stops when
   * its parent closes its stdin, so a test JVM that dies leaves no Spark daemon behind.
   */
  List<String> attachedCommand(String mainClass, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = command(mainClass, args);
    int cp = command.indexOf("-cp");
    int main = command.indexOf(mainClass);
    if (cp < 0 || main < 0) {
      throw new IOException("unexpected launcher command: " + command);
    }
    command.set(cp + 1, toolClasses + File.pathSeparator + command.get(cp + 1));
    command.add(main, Attached.class.getName());
    return command;
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }
}
