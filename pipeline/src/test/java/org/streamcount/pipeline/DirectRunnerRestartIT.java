package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.streamcount.kafkalocal.JavaProcess;
import org.streamcount.kafkalocal.KafkaBrokerExtension;
import org.streamcount.kafkalocal.LocalBroker;

/**
 * kill -9 of a DirectRunner pipeline while lines still arrive, then a restart: it goes on from the
 * table (each total with the lines it counts, and the job's progress), re-reads from where the
 * progress says the table holds every line, and ends exact. Every single update is checked on the
 * way (never lower, never above the reference).
 */
@ExtendWith(KafkaBrokerExtension.class)
class DirectRunnerRestartIT {

  /**
   * In shards (the default) the restart goes on from the table. Keyed by word ({@code
   * --countShards=0}) the job does not track what the table counts: the restart recounts the whole
   * input, and the totals it passes through on the way back up, lower than the table's, are held
   * back and counted.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--countShards=4", "--countShards=0"})
  void killedMidStreamThenRestartedCountsEveryLineOnce(String shards, LocalBroker kafka)
      throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 1);
    // Keyed by word the DirectRunner counts about 1k words/s (every firing is a bundle per word),
    // so that case gets a third of the lines: enough for the recount to pass below every total.
    boolean keyedByWord = shards.equals("--countShards=0");
    int lines = keyedByWord ? 1_000 : 3_000;
    List<String> before = StreamCountEndToEndIT.generate(lines, 10, 300, 31);
    List<String> during = StreamCountEndToEndIT.generate(lines, 10, 300, 32);
    List<String> all = new ArrayList<>(before);
    all.addAll(during);
    Map<String, Long> reference = KafkaTestClient.reference(all);
    client.produceLines(input, before);

    String[] args = {
      "--runner=DirectRunner",
      "--bootstrapServers=" + kafka.bootstrapServers(),
      "--inputTopics=" + input,
      "--outputTopic=" + output,
      "--triggerDelay=300ms",
      "--statusInterval=1s",
      shards
    };
    try (CountsTable table = new CountsTable(kafka.bootstrapServers(), output)) {
      JavaProcess first = PipelineProcess.start(args);
      // the first run publishes the exact totals of the lines before, so that the recount after
      // the restart passes below them (it starts again from the first line)
      table.awaitExactly(KafkaTestClient.reference(before), Duration.ZERO, Duration.ofMinutes(2));
      // lines are still arriving when the pipeline dies
      Thread feeder =
          new Thread(
              () -> {
                try {
                  client.produceLines(input, during);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      feeder.start();
      first.kill();
      long updatesBefore = table.updates();
      feeder.join();

      JavaProcess second = PipelineProcess.start(args);
      try {
        table.awaitExactly(reference, Duration.ofSeconds(4), Duration.ofMinutes(4));
      } finally {
        second.terminate();
      }
      if (keyedByWord) {
        assertThat(second.stderr())
            .as("the recount held back totals below the table's")
            .containsPattern("recomputed totals not republished [1-9]");
      } else {
        // it went on from the table, reading from where the progress said (not the first line)
        assertThat(second.stderr())
            .containsPattern(
                "resuming " + output + " from its [0-9]+ totals: reading from \\{[^}]*=[1-9]");
      }
      VerifyTableIT.Verdict verdict =
          VerifyTableIT.verify(kafka.bootstrapServers(), "-t", output, "--input-topics", input);
      assertThat(verdict.exit()).as(verdict.out()).isZero();
      System.out.printf(
          "DirectRunner %s kill -9: %,d updates before the kill, %,d in total, exact after restart%n",
          shards, updatesBefore, table.updates());
    }
  }

  /**
   * The table's other shapes across a kill -9: two input topics of several partitions, three output
   * partitions, a text value format, and a restart with another --countShards (the DirectRunner
   * keeps no state, so a new key shape must not matter).
   */
  @ParameterizedTest(name = "--outputFormat={0}")
  @ValueSource(strings = {"string", "json"})
  void severalTopicsPartitionsAndANewShardCountAcrossAKill(String format, LocalBroker kafka)
      throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String first = KafkaTestClient.uniqueTopic("lines-a");
    String second = KafkaTestClient.uniqueTopic("lines-b");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(first, 3);
    client.createTopic(second, 2);
    List<String> firstBefore = StreamCountEndToEndIT.generate(2_000, 10, 300, 41);
    List<String> secondBefore = StreamCountEndToEndIT.generate(1_000, 10, 300, 42);
    List<String> firstAfter = StreamCountEndToEndIT.generate(1_000, 10, 300, 43);
    List<String> secondAfter = StreamCountEndToEndIT.generate(1_000, 10, 300, 44);
    List<String> all = new ArrayList<>();
    List.of(firstBefore, secondBefore, firstAfter, secondAfter).forEach(all::addAll);
    Map<String, Long> reference = KafkaTestClient.reference(all);
    client.produceLines(first, firstBefore);
    client.produceLines(second, secondBefore);

    List<String> common =
        List.of(
            "--runner=DirectRunner",
            "--bootstrapServers=" + kafka.bootstrapServers(),
            "--inputTopics=" + first + "," + second,
            "--outputTopic=" + output,
            "--outputPartitions=3",
            "--outputFormat=" + format,
            "--triggerDelay=300ms",
            "--statusInterval=1s");
    try (CountsTable table =
        new CountsTable(kafka.bootstrapServers(), output, OutputFormat.parse(format))) {
      JavaProcess before = PipelineProcess.start(withShards(common, 2));
      table.awaitUpdates(100, Duration.ofMinutes(2));
      before.kill();
      client.produceLines(first, firstAfter);
      client.produceLines(second, secondAfter);

      JavaProcess after = PipelineProcess.start(withShards(common, 8));
      try {
        table.awaitExactly(reference, Duration.ofSeconds(4), Duration.ofMinutes(4));
      } finally {
        after.terminate();
      }
    }
    VerifyTableIT.Verdict verdict =
        VerifyTableIT.verify(
            kafka.bootstrapServers(),
            "-t",
            output,
            "--input-topics",
            first + "," + second,
            "--format",
            format);
    assertThat(verdict.exit()).as(verdict.out()).isZero();
  }

  private static String[] withShards(List<String> args, int shards) {
    List<String> all = new ArrayList<>(args);
    all.add("--countShards=" + shards);
    return all.toArray(String[]::new);
  }
}
