package org.streamcount.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamcount.kafkalocal.ListeningSockets;
import org.streamcount.kafkalocal.ProcessCommandLine;

/**
 * The README's first command, {@code bin/demo}, on this checkout: the walkthrough's text stage on
 * the Spark runner (in-process Spark, the path that once listened on every interface) ends with the
 * walkthrough's table and exit code 0, and while it runs no process it started, the broker
 * included, listens beyond loopback. Run as a user's shell would: no SPARK_LOCAL_IP.
 */
class DemoIT {
  @Test
  void theDemoCountsTheWalkthroughAndListensOnLoopbackOnly(@TempDir Path home) throws Exception {
    Path root = Layout.current().root();
    Path out = home.resolve("demo.out");
    ProcessBuilder builder =
        new ProcessBuilder(
                root.resolve("bin/demo").toString(),
                "--runner",
                "spark",
                "--stage",
                "text",
                "--duration",
                "120")
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    builder.environment().put("STREAMCOUNT_HOME", home.toString());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("SPARK_LOCAL_IP");
    Process demo = builder.start();

    // every socket seen listening, by the process that held it
    Map<String, List<InetSocketAddress>> seen = new TreeMap<>();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (demo.isAlive() && System.nanoTime() < deadline) {
      List<ProcessHandle> started = new ArrayList<>(demo.descendants().toList());
      broker(home).ifPresent(started::add);
      for (ProcessHandle p : started) {
        try {
          List<InetSocketAddress> sockets = ListeningSockets.of(p.pid());
          if (!sockets.isEmpty()) {
            seen.computeIfAbsent(name(p), n -> new ArrayList<>()).addAll(sockets);
          }
        } catch (java.io.IOException ended) {
          // the process ended while we looked
        }
      }
      Thread.sleep(300);
    }
    boolean ended = demo.waitFor(10, TimeUnit.SECONDS);
    if (!ended) {
      demo.destroy();
    }
    String output = Files.readString(out);
    seen.forEach((process, sockets) -> System.out.println(process + " listened on " + sockets));
    assertThat(ended).as("bin/demo ended within 5 minutes:%n%s", output).isTrue();
    assertThat(demo.exitValue()).as(output).isZero();
    assertThat(output)
        .containsPattern("kafka\\s*\\|?\\s*3")
        .containsPattern("streams\\s*\\|?\\s*2");

    assertThat(seen.keySet())
        .as("listening processes: the broker and the Spark driver at least")
        .anyMatch(n -> n.contains("KafkaLocal"))
        .anyMatch(n -> n.contains("StreamCount"));
    seen.forEach(
        (process, sockets) ->
            assertThat(sockets)
                .as("%s listens on", process)
                .allSatisfy(s -> assertThat(s.getAddress().isLoopbackAddress()).isTrue()));
  }

  /** The broker bin/kafka-local started for the demo: it runs detached, so it is no descendant. */
  private static Optional<ProcessHandle> broker(Path home) {
    Path pid = home.resolve("demo").resolve("kafka").resolve("broker.pid");
    try {
      return ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()));
    } catch (java.io.IOException | NumberFormatException notYet) {
      return Optional.empty();
    }
  }

  /** What the process runs, from its whole command line (ProcessHandle.Info cuts long ones). */
  private static String name(ProcessHandle p) {
    String command = ProcessCommandLine.joined(p.pid());
    if (command.isEmpty()) {
      command = "pid " + p.pid();
    }
    return Stream.of("KafkaLocal", "StreamCount", "Replayer", "CountsCommand", "SparkSubmit")
        .filter(command::contains)
        .findFirst()
        .orElse(command.length() > 120 ? command.substring(0, 120) : command);
  }
}
