package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.streamcount.kafkalocal.JavaProcess;
import org.streamcount.kafkalocal.KafkaBrokerExtension;
import org.streamcount.kafkalocal.LocalBroker;

/**
 * The job's lag, as lag tools see it: its consumer group's committed offsets reach the input's end
 * once the table is exact, on both runners, over two partitions.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ConsumerGroupLagIT {
  @ResourceLock(TestLocks.SPARK_JOBS)
  @Test
  void onSparkTheGroupsOffsetsReachTheEndOfTheInput(LocalBroker kafka, @TempDir Path dir)
      throws Exception {
    groupsOffsetsReachTheEndOfTheInput("SparkRunner", kafka, dir);
  }

  /** Beside a Spark test: it runs no Spark job. */
  @Test
  void onTheDirectRunnerTheGroupsOffsetsReachTheEndOfTheInput(LocalBroker kafka, @TempDir Path dir)
      throws Exception {
    groupsOffsetsReachTheEndOfTheInput("DirectRunner", kafka, dir);
  }

  private void groupsOffsetsReachTheEndOfTheInput(String runner, LocalBroker kafka, Path dir)
      throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 2);
    List<String> lines = StreamCountEndToEndIT.generate(5_000, 10, 500, 41);
    client.produceLines(input, lines);

    Properties p = new Properties();
    p.setProperty("bootstrap.servers", kafka.bootstrapServers());
    JavaProcess job =
        PipelineProcess.start(PipelineProcess.jobArgs(runner, kafka, input, output, dir));
    try (CountsTable table = client.counts(output);
        Admin admin = Admin.create(p)) {
      table.awaitExactly(KafkaTestClient.reference(lines), Duration.ZERO, Duration.ofMinutes(4));
      Map<TopicPartition, Long> end =
          admin
              .listOffsets(
                  Map.of(
                      new TopicPartition(input, 0), OffsetSpec.latest(),
                      new TopicPartition(input, 1), OffsetSpec.latest()))
              .all()
              .get()
              .entrySet()
              .stream()
              .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
      assertThat(end.values()).allMatch(offset -> offset > 0);

      var committed = client.awaitGroupOffsets("streamcount-" + output, end);
      assertThat(
              committed.entrySet().stream()
                  .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())))
          .as("the group's offsets: lag 0 once all is counted")
          .isEqualTo(end);
      OffsetAndMetadata one = committed.get(new TopicPartition(input, 0));
      assertThat(one.metadata()).startsWith("streamcount:");
    } finally {
      job.terminate();
    }
  }
}
