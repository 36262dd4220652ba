package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.streamcount.kafka.ExitCode;
import org.streamcount.kafkalocal.KafkaBrokerExtension;
import org.streamcount.kafkalocal.ListeningSockets;
import org.streamcount.kafkalocal.LocalBroker;
import org.streamcount.pipeline.launch.StreamCount;
import org.streamcount.sparklocal.LocalSparkCluster;

/**
 * The packaged job jar, spark-submitted (client mode) to a real Spark standalone cluster this test
 * starts: a master and one worker on 127.0.0.1, the executors on the worker. Runs after `package`
 * (failsafe) because it needs the shaded jar.
 */
@ResourceLock(TestLocks.SPARK_JOBS)
@ExtendWith(KafkaBrokerExtension.class)
class SparkClusterIT {
  private static final Pattern WORKER_CORES_USED =
      Pattern.compile(
          "\"workers\"\\s*:\\s*\\[\\s*\\{[^]]*?\"coresused\"\\s*:\\s*(\\d+)", Pattern.DOTALL);
  private static final Pattern ACTIVE_APP =
      Pattern.compile(
          "\"activeapps\"\\s*:\\s*\\[\\s*\\{[^]]*?\"name\"\\s*:\\s*\"StreamCount\"",
          Pattern.DOTALL);

  static Path jobJar() throws Exception {
    try (var files = Files.list(Path.of("target"))) {
      return files
          .filter(f -> f.getFileName().toString().matches("streamcount-pipeline-.*-spark\\.jar"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no job jar in target/: run mvn package first"))
          .toAbsolutePath();
    }
  }

  /**
   * The job's life on a cluster: submitted, it counts exactly on the worker's executors, and the
   * cluster's daemons listen on loopback only. Then the cluster goes away: Spark alone would wait
   * for it without end (the driver logs "Disconnected from Spark cluster! Waiting for
   * reconnection..."); streamcount ends the job once it has had no executor for
   * --clusterOutageLimit, with a line saying so and exit code 1. One test, so that CI starts one
   * cluster.
   */
  @Test
  void sparkSubmitCountsExactlyAndEndsWithExit1WhenTheClusterGoesAway(
      LocalBroker kafka, @TempDir Path dir) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 2);
    List<String> lines = StreamCountEndToEndIT.generate(20_000, 10, 1_000, 21);
    Map<String, Long> reference = KafkaTestClient.reference(lines);
    long words = reference.values().stream().mapToLong(Long::longValue).sum();
    client.produceLines(input, lines);

    long clusterStart = System.nanoTime();
    Process driver = null;
    LocalSparkCluster stopped;
    try {
      try (LocalSparkCluster cluster =
          LocalSparkCluster.start(dir.resolve("cluster"), 1, 2, "2g", true)) {
        System.out.printf(
            "standalone cluster (master + 1 worker) ready in %.1f s%n",
            (System.nanoTime() - clusterStart) / 1e9);
        long submitted = System.nanoTime();
        driver =
            cluster.submit(
                List.of(
                    "--class",
                    StreamCount.class.getName(),
                    "--conf",
                    "spark.ui.enabled=false",
                    jobJar().toString(),
                    "--runner=SparkRunner",
                    "--batchIntervalMillis=1000",
                    "--checkpointDir=" + dir.resolve("checkpoints"),
                    "--bootstrapServers=" + kafka.bootstrapServers(),
                    "--inputTopics=" + input,
                    "--outputTopic=" + output,
                    "--triggerDelay=500ms",
                    "--statusInterval=5s",
                    // a reader that the executor's cache dropped needs more than the default
                    // 200 ms to fetch again; with 200 ms a busy cluster can read nothing for many
                    // batches
                    "--minReadTimeMillis=600",
                    "--countShards=64",
                    "--clusterOutageLimit=10s"),
                dir.resolve("driver.out"),
                dir.resolve("driver.err"));
        try (CountsTable table = client.counts(output)) {
          table.awaitExactly(reference, Duration.ofSeconds(4), Duration.ofMinutes(5));
        }
        double seconds = (System.nanoTime() - submitted) / 1e9 - 4;
        String json = cluster.json();
        assertThat(json)
            .as("the master lists streamcount as a running application")
            .containsPattern(ACTIVE_APP);
        Matcher cores = WORKER_CORES_USED.matcher(json);
        assertThat(cores.find()).isTrue();
        assertThat(Integer.parseInt(cores.group(1))).as("executors run on the worker").isPositive();
        // bin/spark-local's master and worker listen on loopback only
        try (var files = Files.list(cluster.dir())) {
          List<Path> pids = files.filter(f -> f.toString().endsWith(".pid")).toList();
          assertThat(pids).as("master and worker pid files").hasSizeGreaterThanOrEqualTo(2);
          for (Path pid : pids) {
            assertThat(ListeningSockets.of(Long.parseLong(Files.readString(pid).trim())))
                .as("%s listens", pid.getFileName())
                .isNotEmpty()
                .allSatisfy(socket -> assertThat(socket.getAddress().isLoopbackAddress()).isTrue());
          }
        }
        System.out.printf(
            "spark-submit to the standalone cluster: %,d words in %.1f s from submit = %,.0f words/s%n",
            words, seconds, words / seconds);
        assertThat(cluster.executors())
            .as("the worker's executors, found by their work dir")
            .isNotEmpty();
        stopped = cluster;
      } // the workers, the master and any executor left behind stop here
      assertThat(stopped.executors())
          .as("executors still running after the cluster stopped")
          .isEmpty();
      long gone = System.nanoTime();
      boolean ended = driver.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(ended)
          .as("the driver ends by itself; its stderr:%n%s", tail(dir.resolve("driver.err"), 20))
          .isTrue();
      System.out.printf(
          "cluster gone: the driver ended %.1f s later%n", (System.nanoTime() - gone) / 1e9);
      String stderr = Files.readString(dir.resolve("driver.err"));
      assertThat(driver.exitValue()).as(stderr).isEqualTo(ExitCode.FAILED);
      assertThat(stderr).contains("streamcount: the Spark cluster has had no executor for");
    } finally {
      if (driver != null && driver.isAlive()) {
        driver.destroyForcibly();
      }
      if (Files.exists(dir.resolve("driver.err"))) {
        System.out.println("driver stderr (last lines):\n" + tail(dir.resolve("driver.err"), 8));
      }
    }
  }

  private static String tail(Path file, int lines) throws Exception {
    List<String> all = Files.readAllLines(file);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
