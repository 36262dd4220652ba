package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.streamcount.kafkalocal.KafkaBrokerExtension;
import org.streamcount.kafkalocal.LocalBroker;
import org.streamcount.pipeline.counts.CountsCommand;
import picocli.CommandLine;

/** bin/counts against the real broker: the final table, printed only once it is complete. */
@ExtendWith(KafkaBrokerExtension.class)
class CountsCommandIT {

  @Test
  void untilTotalPrintsOneTableOnceTheCountsAddUp(LocalBroker kafka) throws Exception {
    String topic = withUpdates(kafka);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    CountsCommand view = new CountsCommand(new PrintStream(printed, true, StandardCharsets.UTF_8));

    int exit =
        new CommandLine(view)
            .execute(
                "-b",
                kafka.bootstrapServers(),
                "-t",
                topic,
                "--until-total",
                "5",
                "--duration",
                "60");

    assertThat(exit).isZero();
    assertThat(view.table()).containsExactlyInAnyOrderEntriesOf(Map.of("kafka", 3L, "streams", 2L));
    String text = printed.toString(StandardCharsets.UTF_8);
    assertThat(text.split("Batch:", -1)).hasSize(2);
    assertThat(text).contains("2 words, 5 counted in total, 4 updates read");
  }

  /**
   * bin/demo starts the viewer before the job has made its output topic: the viewer must wait, not
   * create it (a broker would make it uncompacted, and the job refuses such a table).
   */
  @Test
  void aViewerNeverCreatesTheTopicItWaitsFor(LocalBroker kafka) throws Exception {
    String topic = KafkaTestClient.uniqueTopic("not-yet");
    CountsCommand view =
        new CountsCommand(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    new CommandLine(view).execute("-b", kafka.bootstrapServers(), "-t", topic, "--duration", "3");
    java.util.Properties p = new java.util.Properties();
    p.setProperty("bootstrap.servers", kafka.bootstrapServers());
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(p)) {
      assertThat(admin.listTopics().names().get(30, java.util.concurrent.TimeUnit.SECONDS))
          .doesNotContain(topic);
    }
  }

  /**
   * The table as the job and {@code bin/counts verify} read it: a tombstone deletes its word; a
   * value that is not a count never enters the table (it used to, as -1).
   */
  @Test
  void tombstonesDeleteAndValuesThatAreNotCountsAreSkipped(LocalBroker kafka) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String topic = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(topic, 1);
    // running sums 1, 6, 9, then 4 once streams is deleted: only the end adds up to 4
    client.produceTotals(topic, List.of(Map.entry("kafka", 1L), Map.entry("streams", 5L)));
    client.produceRecord(topic, "broken", "not a long".getBytes(StandardCharsets.UTF_8));
    client.produceTotals(topic, List.of(Map.entry("kafka", 4L)));
    client.produceTombstone(topic, "streams");
    CountsCommand view =
        new CountsCommand(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    int exit =
        new CommandLine(view)
            .execute(
                "-b",
                kafka.bootstrapServers(),
                "-t",
                topic,
                "--until-total",
                "4",
                "--duration",
                "60");

    assertThat(exit).isZero();
    assertThat(view.table()).containsExactlyInAnyOrderEntriesOf(Map.of("kafka", 4L));
  }

  @Test
  void untilTotalFailsWhenTheCountsNeverAddUp(LocalBroker kafka) throws Exception {
    String topic = withUpdates(kafka);
    CountsCommand view =
        new CountsCommand(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    int exit =
        new CommandLine(view)
            .execute(
                "-b",
                kafka.bootstrapServers(),
                "-t",
                topic,
                "--until-total",
                "6",
                "--duration",
                "3");

    assertThat(exit).isEqualTo(1);
  }

  /** Updates whose running sums (1, 2, 4, 5) reach 5 only with the last one. */
  /** Trending words: the latest complete window and the open one, each its own top words. */
  @Test
  void windowLatestShowsTheTopWordsOfTheLastTwoWindows(LocalBroker kafka) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String topic = KafkaTestClient.uniqueTopic("per-minute");
    client.createTopic(topic, 1);
    long nine = java.time.Instant.parse("2019-10-01T09:00:00Z").toEpochMilli();
    client.produceTotals(
        topic,
        List.of(
            Map.entry(EventTimeWindows.key("old", nine), 9L),
            Map.entry(EventTimeWindows.key("kafka", nine + 60_000), 4L),
            Map.entry(EventTimeWindows.key("streams", nine + 60_000), 2L),
            Map.entry(EventTimeWindows.key("spark", nine + 120_000), 1L)));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit =
        new CommandLine(new CountsCommand(new PrintStream(printed, true, StandardCharsets.UTF_8)))
            .execute(
                "-b",
                kafka.bootstrapServers(),
                "-t",
                topic,
                "--window",
                "latest",
                "--top",
                "1",
                "--until-total",
                "16",
                "--duration",
                "60");
    assertThat(exit).isZero();
    String text = printed.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("latest complete window, from 2019-10-01T09:01:00Z:")
        .contains("|kafka|    4|")
        .contains("2 words, 6 counted in total (top 1 shown)")
        .contains("still open, from 2019-10-01T09:02:00Z:")
        .contains("|spark|    1|")
        .doesNotContain("old")
        .doesNotContain("streams");
  }

  private static String withUpdates(LocalBroker kafka) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String topic = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(topic, 1);
    client.produceTotals(
        topic,
        List.of(
            Map.entry("kafka", 1L),
            Map.entry("streams", 1L),
            Map.entry("kafka", 3L),
            Map.entry("streams", 2L)));
    return topic;
  }
}
