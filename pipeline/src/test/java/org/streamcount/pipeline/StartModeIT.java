package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.streamcount.kafkalocal.KafkaBrokerExtension;
import org.streamcount.kafkalocal.LocalBroker;
import org.streamcount.pipeline.launch.RunningJob;
import org.streamcount.pipeline.launch.StreamCount;

/**
 * --startFrom on a table that already holds totals, DirectRunner, real broker: latest continues the
 * table, earliest recounts only into an empty (or --resetTable) table, resume refuses an input that
 * lost lines the table counts.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StartModeIT {
  private static final Duration QUIET = Duration.ofSeconds(3);
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  /**
   * A first job counts {@code lines} into a fresh table and stops: the table every test starts
   * from.
   */
  private static String[] countedTable(LocalBroker kafka, List<String> lines) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 1);
    client.produceLines(input, lines);
    RunningJob first = StreamCount.start(StreamCountEndToEndIT.options(kafka, input, output));
    try (CountsTable table = client.counts(output)) {
      table.awaitExactly(KafkaTestClient.reference(lines), QUIET, TIMEOUT);
    } finally {
      first.cancel(Duration.ofSeconds(30));
    }
    return new String[] {input, output};
  }

  /**
   * In shards the job tracks what the table counts; keyed by word ({@code --countShards=0}) it does
   * not, and each word's state starts from its total in the table.
   */
  @ParameterizedTest
  @ValueSource(strings = {"--countShards=4", "--countShards=0"})
  void latestContinuesTheTableWithOnlyTheLinesThatArriveFromThen(String shards, LocalBroker kafka)
      throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    List<String> before = StreamCountEndToEndIT.generate(2_000, 10, 100, 51);
    String[] topics = countedTable(kafka, before);
    String input = topics[0];
    String output = topics[1];

    RunningJob job =
        StreamCount.start(
            StreamCountEndToEndIT.options(kafka, input, output, "--startFrom=latest", shards));
    try (CountsTable table = client.counts(output)) {
      // Where "latest" is depends on when the reader starts: probe with words of their own until
      // one is counted; from that probe on, every line counts.
      int probes = 0;
      Map<String, Long> seen = Map.of();
      while (seen.keySet().stream().noneMatch(w -> w.startsWith("probe"))) {
        assertThat(probes).as("a probe line counted within 2 minutes").isLessThan(240);
        client.produceLines(input, List.of("probe" + probes++));
        Thread.sleep(500);
        seen = table.readFor(Duration.ofMillis(10));
      }
      List<String> after = StreamCountEndToEndIT.generate(2_000, 10, 100, 52);
      client.produceLines(input, after);

      // the counted probes: probe<first> and every one after it
      Thread.sleep(2_000);
      Map<String, Long> now = table.readFor(Duration.ofMillis(10));
      int first =
          now.keySet().stream()
              .filter(w -> w.startsWith("probe"))
              .mapToInt(w -> Integer.parseInt(w.substring(5)))
              .min()
              .orElseThrow();
      List<String> counted = new ArrayList<>(before);
      for (int p = first; p < probes; p++) {
        counted.add("probe" + p);
      }
      counted.addAll(after);
      Map<String, Long> expected = KafkaTestClient.reference(counted);
      assertThat(expected.get(after.get(0).split(" ")[0]))
          .as("a word of both parts")
          .isGreaterThan(KafkaTestClient.reference(before).get(after.get(0).split(" ")[0]));
      table.awaitExactly(expected, QUIET, TIMEOUT);
    } finally {
      job.cancel(Duration.ofSeconds(30));
    }
  }

  @Test
  void earliestRecountsOnlyIntoAnEmptyTable(LocalBroker kafka) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    List<String> lines = StreamCountEndToEndIT.generate(1_000, 10, 100, 53);
    String[] topics = countedTable(kafka, lines);
    String input = topics[0];
    String output = topics[1];
    assertThatThrownBy(
            () ->
                StreamCount.start(
                    StreamCountEndToEndIT.options(kafka, input, output, "--startFrom=earliest")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "holds totals for " + KafkaTestClient.reference(lines).size() + " words")
        .hasMessageContaining("--resetTable");

    RunningJob recount =
        StreamCount.start(
            StreamCountEndToEndIT.options(
                kafka, input, output, "--startFrom=earliest", "--resetTable"));
    try (CountsTable table = client.counts(output)) {
      // every update checked on the way: after its tombstone, each word counts up from 1 again
      table.awaitExactly(KafkaTestClient.reference(lines), QUIET, TIMEOUT);
    } finally {
      recount.cancel(Duration.ofSeconds(30));
    }
    VerifyTableIT.Verdict verdict =
        VerifyTableIT.verify(kafka.bootstrapServers(), "-t", output, "--input-topics", input);
    assertThat(verdict.exit()).as(verdict.out()).isZero();
  }

  @Test
  void resumeRefusesAnInputThatLostLinesTheTableCounts(LocalBroker kafka) throws Exception {
    List<String> lines = StreamCountEndToEndIT.generate(1_000, 10, 100, 54);
    String[] topics = countedTable(kafka, lines);
    new KafkaTestClient(kafka.bootstrapServers()).deleteBefore(topics[0], 0, 10);
    assertThatThrownBy(
            () -> StreamCount.start(StreamCountEndToEndIT.options(kafka, topics[0], topics[1])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot resume " + topics[1])
        .hasMessageContaining(topics[0] + "-0 starts at offset 10")
        .hasMessageContaining("--startFrom=latest");
  }

  /** One topic holds one table: an all-time job does not write into a windowed one, nor back. */
  @Test
  void aWindowedJobAndAnAllTimeTableDoNotMix(LocalBroker kafka) throws Exception {
    List<String> lines = StreamCountEndToEndIT.generate(200, 10, 50, 55);
    String[] topics = countedTable(kafka, lines);
    assertThatThrownBy(
            () ->
                StreamCount.start(
                    StreamCountEndToEndIT.options(
                        kafka, topics[0], topics[1], "--window=fixed:1m")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(topics[1] + " holds all-time counts")
        .hasMessageContaining("--window=fixed:PT1M");

    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String windowed = KafkaTestClient.uniqueTopic("per-minute");
    client.createTopic(windowed, 1, java.util.Map.of("cleanup.policy", "compact"));
    client.produceTotals(windowed, List.of(java.util.Map.entry("kafka@2019-10-01T09:00:00Z", 3L)));
    assertThatThrownBy(
            () -> StreamCount.start(StreamCountEndToEndIT.options(kafka, topics[0], windowed)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            windowed + " holds windowed counts (key 'kafka@2019-10-01T09:00:00Z')");
  }
}
