package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.streamcount.kafkalocal.JavaProcess;
import org.streamcount.kafkalocal.KafkaBrokerExtension;
import org.streamcount.kafkalocal.LocalBroker;
import org.streamcount.pipeline.launch.RunningJob;
import org.streamcount.pipeline.launch.StreamCount;
import org.streamcount.pipeline.launch.StreamCountOptions;

/**
 * The same pipeline, unchanged, on Beam's SparkRunner in this JVM (local[2]), against the real
 * broker.
 */
@ResourceLock(TestLocks.SPARK_JOBS)
@ExtendWith(KafkaBrokerExtension.class)
class SparkRunnerEndToEndIT {
  private static final Duration QUIET = Duration.ofSeconds(4);
  private static final Duration TIMEOUT = Duration.ofMinutes(4);

  /**
   * The pipeline's arguments for these tests, in this JVM ({@link #sparkOptions}) or in a child
   * JVM.
   */
  static String[] sparkArgs(LocalBroker kafka, String input, String output, Path checkpoints) {
    return new String[] {
      "--runner=SparkRunner",
      "--sparkMaster=local[2]",
      "--batchIntervalMillis=1000",
      "--checkpointDir=" + checkpoints,
      "--bootstrapServers=" + kafka.bootstrapServers(),
      "--inputTopics=" + input,
      "--outputTopic=" + output,
      "--triggerDelay=0s", // what the Spark profiles ship: totals out in the batch that read them
      "--statusInterval=0s"
    };
  }

  static StreamCountOptions sparkOptions(
      LocalBroker kafka, String input, String output, Path checkpoints) {
    return StreamCountEndToEndIT.options(
        kafka, input, output, sparkArgs(kafka, input, output, checkpoints));
  }

  @Test
  void theWalkthroughsThreeLines(LocalBroker kafka, @TempDir Path checkpoints) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 1);
    client.produceLines(
        input, Files.readAllLines(Path.of("..", "data", "file-input.txt"), StandardCharsets.UTF_8));

    // Its own JVM, as bin/streamcount and spark-submit run it: Beam's Spark runner keeps
    // JVM-wide state (the watermark holder, among others), and a second streaming pipeline
    // started in this JVM after the other test's read nothing within 4 minutes.
    JavaProcess job = PipelineProcess.start(sparkArgs(kafka, input, output, checkpoints));
    try (CountsTable table = client.counts(output)) {
      table.awaitExactly(
          Map.of(
              "kafka", 3L, "streams", 2L, "all", 1L, "lead", 1L, "to", 1L, "hello", 1L, "join", 1L,
              "summit", 1L),
          QUIET,
          TIMEOUT);
    } finally {
      job.terminate();
    }
  }

  @Test
  void twentyThousandGeneratedLinesCountExactly(LocalBroker kafka, @TempDir Path checkpoints)
      throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 2);
    List<String> lines = StreamCountEndToEndIT.generate(20_000, 10, 1_000, 7);
    Map<String, Long> reference = KafkaTestClient.reference(lines);
    long words = reference.values().stream().mapToLong(Long::longValue).sum();
    client.produceLines(input, lines);

    long started = System.nanoTime();
    RunningJob job = StreamCount.start(sparkOptions(kafka, input, output, checkpoints));
    try (CountsTable table = client.counts(output)) {
      table.awaitExactly(reference, QUIET, TIMEOUT);
      double seconds = (System.nanoTime() - started) / 1e9 - QUIET.toSeconds();
      System.out.printf(
          "SparkRunner local[2]: %,d words in %.1f s = %,.0f words/s, %,d updates%n",
          words, seconds, words / seconds, table.updates());
    } finally {
      job.cancel(Duration.ofSeconds(60));
    }
  }

  /**
   * Spark drops cached blocks when its storage memory is full. A dropped block of Beam's Kafka read
   * that was not checkpointed yet is recomputed by reading again through a reader that has moved
   * on: the read stopped for good (bin/bench, 20M words over a 1M-word vocabulary, 1 GB heap). Here
   * storage memory is 2.5% of the heap and a batch reads at most 10,000 lines, so blocks are
   * dropped every second but each new one fits. Before the read was checkpointed at every batch,
   * this run stopped reading at 70,000 of 100,000 lines.
   */
  @Test
  void countsStayExactWhenSparkDropsCachedBlocks(LocalBroker kafka, @TempDir Path checkpoints)
      throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 1);
    List<String> lines = StreamCountEndToEndIT.generate(100_000, 10, 100_000, 13);
    Map<String, Long> reference = KafkaTestClient.reference(lines);
    client.produceLines(input, lines);

    String[] args =
        java.util.stream.Stream.concat(
                java.util.Arrays.stream(sparkArgs(kafka, input, output, checkpoints)),
                java.util.stream.Stream.of(
                    "--countShards=4", "--maxRecordsPerBatch=10000", "--verbose"))
            .toArray(String[]::new);
    JavaProcess job = PipelineProcess.start(List.of("-Dspark.memory.fraction=0.025"), args);
    try (CountsTable table = client.counts(output)) {
      table.awaitExactly(reference, QUIET, TIMEOUT);
    } finally {
      job.terminate();
    }
    assertThat(job.stderr())
        .as("Spark dropped cached blocks during the run")
        .contains("Dropping block rdd_");
  }

  /**
   * The same memory pressure on a count per minute, whose running totals step has two kinds of
   * output: the totals of open windows and the final totals of closed ones. 100,000 lines over 10
   * minutes of event time, so that windows close while blocks are dropped; every word of every
   * minute must land exactly once, the closed minutes marked final.
   */
  @Test
  void windowedCountsStayExactWhenSparkDropsCachedBlocks(
      LocalBroker kafka, @TempDir Path checkpoints) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("per-minute");
    // records of 2024: a topic with the default 7 days' retention deletes them at its next check
    client.createTopic(input, 1, Map.of("retention.ms", "-1"));
    List<String> lines = StreamCountEndToEndIT.generate(100_000, 10, 30_000, 19);
    long start = java.time.Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    List<Map.Entry<String, Long>> timed = new java.util.ArrayList<>(lines.size());
    Map<String, Long> reference = new java.util.HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      long time = start + i * 6L; // 10 minutes in all
      timed.add(Map.entry(lines.get(i), time));
      String window = "@" + java.time.Instant.ofEpochMilli(time - Math.floorMod(time, 60_000L));
      KafkaTestClient.reference(List.of(lines.get(i)))
          .forEach((word, n) -> reference.merge(word + window, n, Long::sum));
    }
    client.produceLinesAt(input, timed);

    String[] args =
        java.util.stream.Stream.concat(
                java.util.Arrays.stream(sparkArgs(kafka, input, output, checkpoints)),
                java.util.stream.Stream.of(
                    "--window=fixed:1m",
                    "--allowedLateness=0s",
                    "--outputFormat=json",
                    "--countShards=4",
                    "--maxRecordsPerBatch=10000",
                    "--verbose"))
            .toArray(String[]::new);
    JavaProcess job = PipelineProcess.start(List.of("-Dspark.memory.fraction=0.025"), args);
    try (CountsTable table = new CountsTable(kafka.bootstrapServers(), output, OutputFormat.JSON)) {
      table.awaitExactly(reference, QUIET, TIMEOUT);
      WindowedCountIT.awaitFinalUpTo(client, output, "2024-01-01T00:09:00Z");
    } finally {
      job.terminate();
    }
    assertThat(job.stderr())
        .as("Spark dropped cached blocks during the run")
        .contains("Dropping block rdd_");
  }

  /**
   * A send of a total that fails mid-run: the task fails, Spark runs it again (local[2,4] allows 4
   * attempts), and the retry must publish the totals the failed attempt did not. Before the
   * published-total guard moved only on an acknowledged send, the retry took the failed totals as
   * published and the table stayed below the count.
   */
  @Test
  void aFailedSendIsPublishedByTheTaskRetry(LocalBroker kafka, @TempDir Path dir) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    assertThat(output).startsWith("counts-");
    client.createTopic(input, 1);
    List<String> lines = StreamCountEndToEndIT.generate(2_000, 10, 200, 17);
    Map<String, Long> reference = KafkaTestClient.reference(lines);
    client.produceLines(input, lines);
    Path clientFile = dir.resolve("client.properties");
    Files.writeString(
        clientFile, "interceptor.classes=" + FailFirstSendsInterceptor.class.getName() + "\n");

    String[] args =
        java.util.stream.Stream.concat(
                java.util.Arrays.stream(
                    sparkArgs(kafka, input, output, dir.resolve("checkpoints"))),
                java.util.stream.Stream.of(
                    "--sparkMaster=local[2,4]", "--kafkaConfig=" + clientFile, "--verbose"))
            .filter(a -> !a.equals("--sparkMaster=local[2]"))
            .toArray(String[]::new);
    JavaProcess job = PipelineProcess.start(List.of("-Dstreamcount.test.failSends=3"), args);
    try (CountsTable table = client.counts(output)) {
      table.awaitExactly(reference, QUIET, TIMEOUT);
    } finally {
      job.terminate();
    }
    assertThat(job.stderr())
        .as("the sends failed and the task was retried")
        .contains("RecordTooLargeException")
        .containsPattern("Lost task|Task .* failed");
  }
}
