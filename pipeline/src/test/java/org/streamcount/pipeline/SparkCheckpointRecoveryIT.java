package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.streamcount.kafka.ExitCode;
import org.streamcount.kafkalocal.JavaProcess;
import org.streamcount.kafkalocal.KafkaBrokerExtension;
import org.streamcount.kafkalocal.LocalBroker;

/**
 * Stop the Spark pipeline while lines are still being counted, replay more, start it again on the
 * same --checkpointDir: the final table is exact, every update on the way never went down and never
 * exceeded the reference (nothing lost, nothing doubled).
 */
@ResourceLock(TestLocks.SPARK_JOBS)
@ExtendWith(KafkaBrokerExtension.class)
class SparkCheckpointRecoveryIT {

  @ParameterizedTest(name = "stopped with {0}")
  @ValueSource(strings = {"SIGTERM", "SIGKILL"})
  void restartFromTheCheckpointCountsEveryLineOnce(
      String signal, LocalBroker kafka, @TempDir Path checkpoints) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 2);
    List<String> before = StreamCountEndToEndIT.generate(15_000, 10, 500, 11);
    List<String> after = StreamCountEndToEndIT.generate(5_000, 10, 500, 12);
    List<String> all = new ArrayList<>(before);
    all.addAll(after);
    Map<String, Long> reference = KafkaTestClient.reference(all);
    client.produceLines(input, before);

    String[] args = {
      "--runner=SparkRunner",
      "--sparkMaster=local[2]",
      "--batchIntervalMillis=1000",
      "--maxRecordsPerBatch=2500",
      "--checkpointDir=" + checkpoints,
      "--bootstrapServers=" + kafka.bootstrapServers(),
      "--inputTopics=" + input,
      "--outputTopic=" + output,
      // the Spark profiles' shape: totals per shard of words, in the checkpointed state
      "--triggerDelay=500ms",
      "--statusInterval=1s",
      "--countShards=16"
    };
    try (CountsTable table = new CountsTable(kafka.bootstrapServers(), output)) {
      JavaProcess first = PipelineProcess.start(args);
      // Stop while the first lines are still being counted (maxRecordsPerBatch keeps it busy).
      table.awaitUpdates(1, Duration.ofMinutes(3));
      if (signal.equals("SIGKILL")) {
        first.kill();
      } else {
        first.terminate();
        assertThat(first.stderr()).contains("stopped after");
      }
      long updatesBefore = table.updates();
      assertThat(updatesBefore).as("stopped mid-stream").isPositive();

      client.produceLines(input, after);
      JavaProcess second = PipelineProcess.start(args);
      try {
        table.awaitExactly(reference, Duration.ofSeconds(5), Duration.ofMinutes(4));
      } finally {
        second.terminate();
      }
      System.out.printf(
          "checkpoint recovery after %s: %,d updates before the stop, %,d in total%n",
          signal, updatesBefore, table.updates());
    }
  }

  /**
   * kill -9, then a restart with another --countShards and no checkpoint (a new, empty
   * --checkpointDir): Spark's checkpoint is tied to the job graph, so a changed key shape cannot
   * use it; the default start mode resumes the table by recounting the retained input.
   */
  @Test
  void aRestartWithNewShardsAndNoCheckpointResumesTheTable(
      LocalBroker kafka, @TempDir Path checkpoints) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 2);
    List<String> before = StreamCountEndToEndIT.generate(15_000, 10, 500, 13);
    List<String> after = StreamCountEndToEndIT.generate(5_000, 10, 500, 14);
    List<String> all = new ArrayList<>(before);
    all.addAll(after);
    Map<String, Long> reference = KafkaTestClient.reference(all);
    client.produceLines(input, before);

    List<String> common =
        List.of(
            "--runner=SparkRunner",
            "--sparkMaster=local[2]",
            "--batchIntervalMillis=1000",
            "--maxRecordsPerBatch=2500",
            "--bootstrapServers=" + kafka.bootstrapServers(),
            "--inputTopics=" + input,
            "--outputTopic=" + output,
            "--triggerDelay=500ms",
            "--statusInterval=1s");
    try (CountsTable table = new CountsTable(kafka.bootstrapServers(), output)) {
      JavaProcess first =
          PipelineProcess.start(
              with(common, "--countShards=16", "--checkpointDir=" + checkpoints.resolve("first")));
      table.awaitUpdates(1, Duration.ofMinutes(3));
      first.kill();
      assertThat(table.updates()).as("stopped mid-stream").isPositive();

      client.produceLines(input, after);
      JavaProcess second =
          PipelineProcess.start(
              with(common, "--countShards=4", "--checkpointDir=" + checkpoints.resolve("second")));
      try {
        table.awaitExactly(reference, Duration.ofSeconds(5), Duration.ofMinutes(4));
      } finally {
        second.terminate();
      }
      // no checkpoint to go on from: it went on from the table
      assertThat(second.stderr()).contains("resuming " + output + " from its");
    }
    VerifyTableIT.Verdict verdict =
        VerifyTableIT.verify(kafka.bootstrapServers(), "-t", output, "--input-topics", input);
    assertThat(verdict.exit()).as(verdict.out()).isZero();
  }

  private static String[] with(List<String> common, String... more) {
    List<String> all = new ArrayList<>(common);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /**
   * The job is down while the input loses lines it never read (retention, deleteRecords): Spark's
   * checkpoint points below the log's new start, where Kafka's reader would silently go on from the
   * new start. The restart is refused, naming the partition, before anything is read.
   */
  @Test
  void aCheckpointWhoseNextLinesAreGoneIsRefused(LocalBroker kafka, @TempDir Path checkpoints)
      throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 1);
    List<String> read = StreamCountEndToEndIT.generate(2_000, 10, 200, 51);
    List<String> neverRead = StreamCountEndToEndIT.generate(500, 10, 200, 52);
    client.produceLines(input, read);
    String[] args = {
      "--runner=SparkRunner",
      "--sparkMaster=local[2]",
      "--batchIntervalMillis=1000",
      "--checkpointDir=" + checkpoints,
      "--bootstrapServers=" + kafka.bootstrapServers(),
      "--inputTopics=" + input,
      "--outputTopic=" + output,
      "--triggerDelay=500ms",
      "--statusInterval=1s"
    };
    try (CountsTable table = new CountsTable(kafka.bootstrapServers(), output)) {
      JavaProcess first = PipelineProcess.start(args);
      table.awaitExactly(KafkaTestClient.reference(read), Duration.ZERO, Duration.ofMinutes(3));
      // the group holds the read positions the refusal below compares with the log start
      TopicPartition only = new TopicPartition(input, 0);
      assertThat(client.awaitGroupOffsets("streamcount-" + output, Map.of(only, 2_000L)))
          .containsKey(only)
          .extractingByKey(only)
          .extracting(org.apache.kafka.clients.consumer.OffsetAndMetadata::offset)
          .isEqualTo(2_000L);
      first.kill();
    }
    client.produceLines(input, neverRead);
    client.deleteBefore(input, 0, 2_500);

    JavaProcess.Result second = PipelineProcess.start(args).awaitExit(Duration.ofMinutes(2));
    assertThat(second.exitCode()).as(second.stderr()).isEqualTo(ExitCode.USAGE);
    assertThat(second.stderr())
        .contains("cannot resume from the Spark checkpoint in " + checkpoints)
        .contains(input + "-0: read up to offset 2000, now starts at 2500");
  }
}
