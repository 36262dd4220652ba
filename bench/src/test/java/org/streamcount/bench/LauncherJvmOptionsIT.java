package org.streamcount.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.streamcount.kafkalocal.LoopbackPort;

/**
 * bin/streamcount picks the JIT and the garbage collector by runner (bin/lib/build.sh, jit_options
 * and gc_options): C1 alone for the DirectRunner, the JVM's own tiered C1 + C2 and the parallel
 * collector for Spark, and the user's JAVA_OPTS over all of them. Seen on the java process each
 * launch becomes, while it waits for a broker that is not there.
 */
class LauncherJvmOptionsIT {
  private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
  private static final String PARALLEL_GC = "-XX:+UseParallelGC";

  @ParameterizedTest(name = "{0} -> C1 only: {1}, parallel collector: {2}")
  @CsvSource({
    "'', true, false",
    "--profile=direct, true, false",
    "--profile direct, true, false",
    "--runner=DirectRunner, true, false",
    "--profile=spark-local, false, true",
    "--profile=spark-local-throughput, false, true",
    "--runner=SparkRunner, false, true",
    "--profile=direct --runner=SparkRunner, false, true"
  })
  void theJitAndTheCollectorFollowTheRunner(String kind, boolean c1Only, boolean parallel)
      throws Exception {
    List<String> arguments = javaArguments(kind, null);
    assertThat(arguments.contains(C1_ONLY))
        .as("%s: %s", kind, jvmFlags(arguments))
        .isEqualTo(c1Only);
    assertThat(arguments.contains(PARALLEL_GC))
        .as("%s: %s", kind, jvmFlags(arguments))
        .isEqualTo(parallel);
  }

  @Test
  void aCollectorInJavaOptsIsTheOnlyOne() throws Exception {
    List<String> arguments = javaArguments("--profile=spark-local", "-Xmx1g -XX:+UseG1GC");
    assertThat(arguments).as("%s", jvmFlags(arguments)).contains("-XX:+UseG1GC");
    assertThat(arguments).as("%s", jvmFlags(arguments)).doesNotContain(PARALLEL_GC);
  }

  @ParameterizedTest
  @CsvSource({"''", "--profile=spark-local"})
  void javaOptsComeLastAndWin(String kind) throws Exception {
    List<String> arguments = javaArguments(kind, "-Xmx1g -XX:TieredStopAtLevel=4");
    assertThat(arguments.lastIndexOf("-XX:TieredStopAtLevel=4"))
        .as("%s: %s", kind, jvmFlags(arguments))
        .isGreaterThan(arguments.lastIndexOf(C1_ONLY));
  }

  /** The arguments of the JVM that {@code bin/streamcount KIND} execs into. */
  private static List<String> javaArguments(String kind, String javaOpts) throws Exception {
    int closedPort = LoopbackPort.free();
    Path root = Layout.current().root();
    List<String> command = new ArrayList<>(List.of(root.resolve("bin/streamcount").toString()));
    if (!kind.isBlank()) {
      command.addAll(List.of(kind.split(" ")));
    }
    command.addAll(List.of("--bootstrapServers=127.0.0.1:" + closedPort, "--kafkaWait=60s"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    // a launch cut short writes no class-data archive worth its slow exit: the next one discards it
    builder.environment().put("STREAMCOUNT_CLASS_DATA", "0");
    if (javaOpts == null) {
      builder.environment().remove("JAVA_OPTS");
    } else {
      builder.environment().put("JAVA_OPTS", javaOpts);
    }
    Process launch = builder.start();
    try {
      return ExecedJava.arguments(launch, 50);
    } finally {
      launch.destroyForcibly();
      launch.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static List<String> jvmFlags(List<String> arguments) {
    return arguments.stream().filter(a -> a.startsWith("-X")).toList();
  }
}
