package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole job, in memory: {@link CountingTopology} reads Kafka's {@code MockConsumer} and writes
 * to its {@code MockProducer} through {@link InMemoryKafka}, on the DirectRunner. The read is
 * bounded (it ends after the records given), so the global window closes and the last pane fires:
 * what the producer saw last per word is the final table, checked against a count made here.
 */
class CountingTopologyTest {
  private static final String INPUT = "lines";
  private static final String OUTPUT = "counts";

  private static final String[] TEXT = {
    "the quick brown fox jumps over the lazy dog",
    "the dog barks",
    "kafka streams counts words and so does beam",
    "beam on spark counts words",
    "the end",
  };

  private static JobConfig.Builder job(InMemoryKafka kafka, String topic) {
    return JobConfig.reading(List.of(topic), OUTPUT)
        .trigger(Duration.ofMillis(100), null)
        .readLimit(kafka.recordsOn(topic));
  }

  /** Runs the job to the end of its bounded input, on an empty table. */
  private static void run(JobConfig job, InMemoryKafka kafka) {
    run(job, StartPoint.untracked(Map.of()), kafka);
  }

  private static PipelineResult run(JobConfig job, StartPoint start, InMemoryKafka kafka) {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(DirectRunner.class);
    Pipeline pipeline = Pipeline.create(options);
    CountingTopology.applyTo(pipeline, job, start, kafka);
    PipelineResult result = pipeline.run();
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
    return result;
  }

  /** The coverage each word's last record says its total counts. */
  private static Map<String, Coverage> coverageSent(InMemoryKafka kafka) {
    Map<String, Coverage> covers = new HashMap<>();
    for (ProducerRecord<?, ?> r : kafka.sent(OUTPUT)) {
      Header header = r.headers().lastHeader(Coverage.HEADER);
      assertThat(header).as("coverage of %s", r.key()).isNotNull();
      covers.put(
          (String) r.key(), Coverage.decode(new String(header.value(), StandardCharsets.UTF_8)));
    }
    return covers;
  }

  /** Word -> totals in the order they were sent. */
  private static Map<String, List<Long>> totalsSent(InMemoryKafka kafka) {
    Map<String, List<Long>> sent = new HashMap<>();
    for (ProducerRecord<?, ?> r : kafka.sent(OUTPUT)) {
      sent.computeIfAbsent((String) r.key(), w -> new ArrayList<>())
          .add(OutputFormat.LONG.decode((byte[]) r.value()));
    }
    return sent;
  }

  /** The last total sent per word, after checking that every word's totals only grew. */
  private static Map<String, Long> finalTable(InMemoryKafka kafka) {
    Map<String, Long> table = new HashMap<>();
    totalsSent(kafka)
        .forEach(
            (word, totals) -> {
              assertThat(totals).as("totals of %s, in the order sent", word).isSorted();
              assertThat(totals).as("totals of %s", word).doesNotHaveDuplicates();
              table.put(word, totals.get(totals.size() - 1));
            });
    return table;
  }

  @Test
  void countsEveryWordOnce() {
    InMemoryKafka kafka = new InMemoryKafka().lines(INPUT, TEXT);
    run(job(kafka, INPUT).build(), kafka);
    assertThat(finalTable(kafka)).isEqualTo(KafkaTestClient.reference(Arrays.asList(TEXT)));
  }

  @Test
  void countsInShardsGiveTheSameTable() {
    InMemoryKafka kafka = new InMemoryKafka().lines(INPUT, TEXT);
    run(job(kafka, INPUT).countShards(3).build(), kafka);
    assertThat(finalTable(kafka)).isEqualTo(KafkaTestClient.reference(Arrays.asList(TEXT)));
  }

  @Test
  void aPoisonRecordIsSkippedAndKeptInTheDeadLetterTopic() {
    byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28};
    InMemoryKafka kafka =
        new InMemoryKafka()
            .lines(INPUT, "kafka counts")
            .record(INPUT, notUtf8)
            .lines(INPUT, "kafka");
    run(job(kafka, INPUT).deadLetterTopic("rejected").build(), kafka);
    assertThat(finalTable(kafka)).isEqualTo(Map.of("kafka", 2L, "counts", 1L));
    assertThat(kafka.sent("rejected"))
        .singleElement()
        .satisfies(r -> assertThat((byte[]) r.value()).isEqualTo(notUtf8));
  }

  @Test
  void aResumedJobPublishesOnlyTotalsAboveTheTable() {
    InMemoryKafka kafka =
        new InMemoryKafka()
            .lines(INPUT, "kafka kafka kafka spark", "beam")
            .table(Map.of("kafka", 3L, "spark", 5L));
    PipelineResult result =
        run(
            job(kafka, INPUT).startFrom(StartFrom.RESUME).build(),
            StartPoint.untracked(Map.of("kafka", 3L, "spark", 5L)),
            kafka);
    // the recount of kafka reaches the table's 3, spark stays below its 5: neither is sent again,
    // and the totals held back are counted
    assertThat(totalsSent(kafka)).isEqualTo(Map.of("beam", List.of(1L)));
    assertThat(
            org.streamcount.pipeline.launch.PipelineStatus.of(result)
                .get(StreamCountMetrics.STALE_TOTALS_SKIPPED))
        .isPositive();
  }

  /** Keyed by word and in shards, each word's count starts from its total in the table. */
  @ParameterizedTest
  @ValueSource(ints = {0, 2})
  void aJobFromLatestAddsItsCountsToTheTable(int shards) {
    Map<String, Long> table = Map.of("kafka", 40L);
    InMemoryKafka kafka = new InMemoryKafka().lines(INPUT, "kafka spark", "kafka").table(table);
    run(
        job(kafka, INPUT).startFrom(StartFrom.LATEST).countShards(shards).build(),
        StartPoint.continuing(table),
        kafka);
    assertThat(finalTable(kafka)).isEqualTo(Map.of("kafka", 42L, "spark", 1L));
  }

  @Test
  void aTrackingJobPublishesEachTotalWithTheLinesItCountsAndEachShardsProgress() {
    InMemoryKafka kafka = new InMemoryKafka().lines(INPUT, TEXT);
    JobConfig job = job(kafka, INPUT).countShards(2).build();
    run(job, StartPoint.tracking(Map.of("lines/0", 0L), Map.of(), Map.of()), kafka);
    assertThat(finalTable(kafka)).isEqualTo(KafkaTestClient.reference(Arrays.asList(TEXT)));
    // "end" is in the last line only: its one total counts every line up to there
    assertThat(coverageSent(kafka).get("end"))
        .isEqualTo(Coverage.below(Map.of("lines/0", (long) TEXT.length)));
    Map<String, Coverage> progress = new HashMap<>();
    for (ProducerRecord<?, ?> r : kafka.sent(job.progressTopic())) {
      progress.put(
          (String) r.key(),
          Coverage.decode(new String((byte[]) r.value(), StandardCharsets.UTF_8)));
    }
    Coverage all = Coverage.below(Map.of("lines/0", (long) TEXT.length));
    assertThat(progress).isEqualTo(Map.of("counts/2/0", all, "counts/2/1", all));
  }

  /**
   * What a start after a crash hands the job: the table holds the first three lines, the progress
   * only the first; the job reads again from the second line, starts each word from its total and
   * drops the words of lines two and three that the totals hold. Every line is counted once.
   */
  @Test
  void aResumeFromTheTableCountsEveryLineOnce() {
    InMemoryKafka kafka = new InMemoryKafka().lines(INPUT, TEXT);
    Map<String, Long> table = KafkaTestClient.reference(Arrays.asList(TEXT).subList(0, 3));
    Map<String, Coverage> countedAbove = new HashMap<>();
    Coverage secondAndThird = Coverage.below(Map.of("lines/0", 3L)).above(Map.of("lines/0", 1L));
    table.keySet().forEach(word -> countedAbove.put(word, secondAndThird));
    JobConfig job = job(kafka, INPUT).countShards(2).readLimit(TEXT.length - 1).build();
    run(job, StartPoint.tracking(Map.of("lines/0", 1L), table, countedAbove), kafka);
    Map<String, Long> expected = new HashMap<>(table);
    expected.putAll(finalTable(kafka));
    assertThat(expected).isEqualTo(KafkaTestClient.reference(Arrays.asList(TEXT)));
  }

  @Test
  void theTokenizerIsTheConfiguredOne() {
    InMemoryKafka kafka = new InMemoryKafka().lines(INPUT, "Kafka, KAFKA! kafka's");
    run(job(kafka, INPUT).tokenizer(Tokenizer.parse("split: ")).build(), kafka);
    assertThat(finalTable(kafka)).isEqualTo(Map.of("Kafka,", 1L, "KAFKA!", 1L, "kafka's", 1L));
  }
}
