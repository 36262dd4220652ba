package org.streamcount.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.streamcount.kafka.KafkaTopics;

/** One system the benchmark runs: how to give it fresh topics, how to launch it, how it writes. */
abstract class SystemUnderTest {
  record Topics(String input, String output) {}

  abstract String name();

  /** What the system's output values are. */
  OutputWatcher.Encoding encoding() {
    return OutputWatcher.Encoding.LONG;
  }

  /** Fresh topics for one run (systems with fixed topic names override this). */
  Topics topics(String runId) {
    return new Topics("bench-" + runId + "-in", "bench-" + runId + "-out");
  }

  /**
   * Creates the input topic, and the output topic of a system that leaves it to the broker's
   * auto-creation (and clears whatever a fixed-name system left behind).
   */
  void prepare(Admin admin, Topics topics, int partitions) throws Exception {
    // kept for good: the windowed workload is stamped 2019, which the broker's default retention
    // (7 days) would delete at its next check
    createNew(
        admin,
        new NewTopic(topics.input(), Optional.of(partitions), Optional.empty())
            .configs(Map.of("retention.ms", "-1")));
    if (!createsItsOutputTopic()) {
      // as auto-creation would (the broker's default partitions), but ready before the system's
      // first send: see KafkaTopics.createIfMissing for the records that an early send can lose
      createNew(admin, new NewTopic(topics.output(), Optional.empty(), Optional.empty()));
    }
  }

  /** False for a system whose producer writes to a topic nobody created yet. */
  boolean createsItsOutputTopic() {
    return true;
  }

  /** Creates a topic that must not exist yet, ready to take records when this returns. */
  static void createNew(Admin admin, NewTopic topic) throws InterruptedException {
    if (!KafkaTopics.createIfMissing(admin, topic, Duration.ofSeconds(60))) {
      throw new IllegalStateException("topic " + topic.name() + " exists already");
    }
  }

  /** Starts the system in its own process, reading {@code topics.input()} from the beginning. */
  abstract Process launch(
      Layout layout, String bootstrap, Topics topics, Path workDir, SystemJvm jvm) throws Exception;

  /** Where the system's start-up went, as it logged it (see {@link StartupLine}), or null. */
  String startupProfile(Path workDir) {
    return null;
  }

  /** Anything the system keeps running across runs (a Spark cluster) is stopped here. */
  void shutdown() throws Exception {}

  /** Systems still running: a bench stopped with Ctrl-C or SIGTERM must not leave them behind. */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    RUNNING.forEach(
                        p -> {
                          p.descendants().forEach(ProcessHandle::destroyForcibly);
                          p.destroyForcibly();
                        }),
                "bench-stop-systems"));
  }

  /** The system's process has ended (or was stopped): nothing left to stop at exit. */
  static void stopped(Process process) {
    RUNNING.remove(process);
  }

  static Process start(List<String> command, Path workDir, Map<String, String> environment)
      throws IOException {
    Files.createDirectories(workDir);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(workDir.resolve("stdout.log").toFile())
            .redirectError(workDir.resolve("stderr.log").toFile());
    builder.environment().putAll(environment);
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = builder.start();
    RUNNING.add(process);
    return process;
  }
}
