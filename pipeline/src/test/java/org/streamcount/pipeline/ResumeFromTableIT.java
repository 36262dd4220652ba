package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.streamcount.kafkalocal.JavaProcess;
import org.streamcount.kafkalocal.KafkaBrokerExtension;
import org.streamcount.kafkalocal.LocalBroker;

/**
 * The output topic is the state: a job counts the first part of the input, is killed with SIGKILL,
 * that part is deleted from the input (as retention would), more lines arrive, and a restart with
 * the default start mode ends with the exact table of both parts. On Spark the restart also counts
 * in another number of shards and has no checkpoint to go on from. Every update on the way is
 * checked: never lower than the word's last, never above its reference.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ResumeFromTableIT {

  @ResourceLock(TestLocks.SPARK_JOBS)
  @Test
  void onSparkTheCountedInputIsDeletedAndTheRestartGoesOnFromTheTable(
      LocalBroker kafka, @TempDir Path dir) throws Exception {
    theCountedInputIsDeletedAndTheRestartGoesOnFromTheTable("SparkRunner", kafka, dir);
  }

  /** Beside a Spark test: it runs no Spark job. */
  @Test
  void onTheDirectRunnerTheCountedInputIsDeletedAndTheRestartGoesOnFromTheTable(
      LocalBroker kafka, @TempDir Path dir) throws Exception {
    theCountedInputIsDeletedAndTheRestartGoesOnFromTheTable("DirectRunner", kafka, dir);
  }

  private void theCountedInputIsDeletedAndTheRestartGoesOnFromTheTable(
      String runner, LocalBroker kafka, Path dir) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 2);
    List<String> before = StreamCountEndToEndIT.generate(3_000, 10, 300, 61);
    List<String> after = StreamCountEndToEndIT.generate(3_000, 10, 300, 62);
    List<String> all = new ArrayList<>(before);
    all.addAll(after);
    client.produceLines(input, before);
    Map<String, Long> counted = endOffsets(kafka.bootstrapServers(), input);
    boolean spark = runner.equals("SparkRunner");
    int firstShards = spark ? 16 : 4;

    try (CountsTable table = new CountsTable(kafka.bootstrapServers(), output)) {
      JavaProcess first =
          PipelineProcess.start(
              PipelineProcess.jobArgs(runner, kafka, input, output, dir.resolve("first")));
      try {
        table.awaitExactly(KafkaTestClient.reference(before), Duration.ZERO, Duration.ofMinutes(3));
        // what retention may delete: lines the job's progress says the table holds
        awaitProgress(kafka.bootstrapServers(), output + "-progress", firstShards, counted);
      } finally {
        first.kill();
      }
      for (Map.Entry<String, Long> end : counted.entrySet()) {
        client.deleteBefore(input, partitionOf(end.getKey()), end.getValue());
      }
      client.produceLines(input, after);

      List<String> more = new ArrayList<>();
      if (spark) {
        more.add("--countShards=3"); // and a checkpoint directory of its own: nothing to go on from
      }
      JavaProcess second =
          PipelineProcess.start(
              PipelineProcess.jobArgs(
                  runner,
                  kafka,
                  input,
                  output,
                  dir.resolve("second"),
                  more.toArray(String[]::new)));
      try {
        table.awaitExactly(
            KafkaTestClient.reference(all), Duration.ofSeconds(4), Duration.ofMinutes(4));
      } finally {
        second.terminate();
      }
      assertThat(second.stderr())
          .containsPattern("resuming " + output + " from its [0-9]+ totals: reading from");
    }
  }

  /**
   * A crash after totals were published and before any progress was: the restart reads every line
   * again and must drop every word the table already counts. The progress is deleted by hand
   * (tombstones), which is the same state. Then a job of another name is refused the table.
   */
  @org.junit.jupiter.api.Test
  void withoutProgressEveryLineIsReadAgainAndNoWordIsCountedTwice(
      LocalBroker kafka, @TempDir Path dir) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 2);
    List<String> before = StreamCountEndToEndIT.generate(2_000, 10, 300, 63);
    List<String> after = StreamCountEndToEndIT.generate(1_000, 10, 300, 64);
    List<String> all = new ArrayList<>(before);
    all.addAll(after);
    client.produceLines(input, before);
    String[] args = PipelineProcess.jobArgs("DirectRunner", kafka, input, output, dir);
    try (CountsTable table = new CountsTable(kafka.bootstrapServers(), output)) {
      JavaProcess first = PipelineProcess.start(args);
      try {
        table.awaitExactly(KafkaTestClient.reference(before), Duration.ZERO, Duration.ofMinutes(3));
        awaitProgress(
            kafka.bootstrapServers(),
            output + "-progress",
            4,
            endOffsets(kafka.bootstrapServers(), input));
      } finally {
        first.kill();
      }
      for (int shard = 0; shard < 4; shard++) {
        client.produceTombstone(output + "-progress", output + "/4/" + shard);
      }
      client.produceLines(input, after);
      JavaProcess second = PipelineProcess.start(args);
      try {
        table.awaitExactly(
            KafkaTestClient.reference(all), Duration.ofSeconds(4), Duration.ofMinutes(3));
        second.awaitStderr("re-read words already in the table", Duration.ofSeconds(30));
      } finally {
        second.terminate();
      }
      assertThat(second.stderr())
          .containsPattern("resuming " + output + " from its [0-9]+ totals: reading from \\{")
          .containsPattern("re-read words already in the table [1-9]");
    }

    List<String> other = new ArrayList<>(List.of(args));
    other.add("--tableJob=someone-else");
    JavaProcess.Result refused =
        JavaProcess.run(
            Duration.ofMinutes(1),
            org.streamcount.pipeline.launch.StreamCount.class,
            other.toArray(String[]::new));
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.stderr()).contains("is the table of job(s) " + output);
  }

  /**
   * Input written in transactions, some aborted: between two bundles' lines the offsets of the
   * transactions' markers (and of aborted lines) hold nothing the job reads. The progress must
   * still reach every line counted, in one range (else it would stop at the first transaction and
   * grow by a range per transaction), and a restart after the counted part is deleted ends exact.
   */
  @org.junit.jupiter.api.Test
  void transactionalInputLeavesNoGapInTheProgress(LocalBroker kafka, @TempDir Path dir)
      throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 1);
    List<String> committed = new ArrayList<>();
    produceInTransactions(
        kafka.bootstrapServers(),
        input,
        StreamCountEndToEndIT.generate(2_000, 10, 300, 65),
        committed);
    String[] args = PipelineProcess.jobArgs("DirectRunner", kafka, input, output, dir);
    try (CountsTable table = new CountsTable(kafka.bootstrapServers(), output)) {
      JavaProcess first = PipelineProcess.start(args);
      Map<String, Long> read;
      try {
        table.awaitExactly(
            KafkaTestClient.reference(committed), Duration.ZERO, Duration.ofMinutes(3));
        read = lastCommittedRecordEnds(kafka.bootstrapServers(), input);
        awaitProgress(kafka.bootstrapServers(), output + "-progress", 4, read);
      } finally {
        first.kill();
      }
      client.deleteBefore(input, 0, read.get(input + "/0"));
      produceInTransactions(
          kafka.bootstrapServers(),
          input,
          StreamCountEndToEndIT.generate(1_000, 10, 300, 66),
          committed);
      JavaProcess second = PipelineProcess.start(args);
      try {
        table.awaitExactly(
            KafkaTestClient.reference(committed), Duration.ofSeconds(4), Duration.ofMinutes(3));
      } finally {
        second.terminate();
      }
    }
  }

  /**
   * Sends {@code lines} in transactions of 20, every fourth aborted; adds the committed ones to
   * {@code committed}.
   */
  private static void produceInTransactions(
      String bootstrap, String topic, List<String> lines, List<String> committed) {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrap);
    p.setProperty("transactional.id", "resume-it-" + topic);
    try (org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> producer =
        new org.apache.kafka.clients.producer.KafkaProducer<>(
            p,
            new org.apache.kafka.common.serialization.ByteArraySerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      producer.initTransactions();
      for (int from = 0, tx = 0; from < lines.size(); from += 20, tx++) {
        List<String> batch = lines.subList(from, Math.min(lines.size(), from + 20));
        producer.beginTransaction();
        for (String line : batch) {
          producer.send(
              new org.apache.kafka.clients.producer.ProducerRecord<>(
                  topic, line.getBytes(StandardCharsets.UTF_8)));
        }
        if (tx % 4 == 3) {
          producer.abortTransaction();
        } else {
          producer.commitTransaction();
          committed.addAll(batch);
        }
      }
    }
  }

  /** Per partition, the offset after its last committed record (before its last marker). */
  private static Map<String, Long> lastCommittedRecordEnds(String bootstrap, String topic) {
    Map<String, Long> ends = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      while (consumer.position(tp) < end) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          ends.put(topic + "/0", r.offset() + 1);
        }
      }
    }
    return ends;
  }

  private static int partitionOf(String name) {
    return Integer.parseInt(name.substring(name.lastIndexOf('/') + 1));
  }

  /** Each partition's end offset, by {@code topic/partition}. */
  private static Map<String, Long> endOffsets(String bootstrap, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      Map<String, Long> ends = new HashMap<>();
      consumer
          .endOffsets(partitions, Duration.ofSeconds(10))
          .forEach((tp, end) -> ends.put(tp.topic() + "/" + tp.partition(), end));
      return ends;
    }
  }

  /**
   * Waits until each of the {@code shards} shards' progress records (value {@code
   * topic/partition=from-to,...}) covers every partition from its start up to {@code upTo}. Read
   * here with a parser of its own: the check does not share the code it checks.
   */
  private static void awaitProgress(
      String bootstrap, String topic, int shards, Map<String, Long> upTo) throws Exception {
    Map<String, String> latest = new HashMap<>();
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          latest.put(
              new String(r.key(), StandardCharsets.UTF_8),
              new String(r.value(), StandardCharsets.UTF_8));
        }
        if (latest.size() == shards
            && latest.values().stream().allMatch(v -> coversUpTo(v, upTo))) {
          // one range per partition: no gap left open
          assertThat(latest.values()).allSatisfy(v -> assertThat(v).doesNotContain(","));
          return;
        }
      }
    }
    throw new AssertionError("progress never covered " + upTo + ": " + latest);
  }

  private static boolean coversUpTo(String progress, Map<String, Long> upTo) {
    Map<String, Long> prefix = new HashMap<>();
    for (String partition : progress.split(";")) {
      String[] nameAndRanges = partition.split("=");
      String first = nameAndRanges[1].split(",")[0];
      String[] fromTo = first.split("-");
      if (Long.parseLong(fromTo[0]) == 0) {
        prefix.put(nameAndRanges[0], Long.parseLong(fromTo[1]));
      }
    }
    return upTo.entrySet().stream()
        .allMatch(e -> prefix.getOrDefault(e.getKey(), 0L) >= e.getValue());
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrap);
    p.setProperty("allow.auto.create.topics", "false");
    p.setProperty("isolation.level", "read_committed");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
