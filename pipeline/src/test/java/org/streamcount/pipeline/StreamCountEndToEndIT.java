package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.streamcount.kafka.ExitCode;
import org.streamcount.kafkalocal.KafkaBrokerExtension;
import org.streamcount.kafkalocal.LocalBroker;
import org.streamcount.pipeline.launch.RunningJob;
import org.streamcount.pipeline.launch.StreamCount;
import org.streamcount.pipeline.launch.StreamCountOptions;

/**
 * The real pipeline on the DirectRunner against a real broker, checked against in-test references.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StreamCountEndToEndIT {
  private static final Duration QUIET = Duration.ofSeconds(3);
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  /**
   * A liveness bound, not a speed check: a shared CI machine may run the DirectRunner far slower.
   */
  private static final Duration LARGE_INPUT_TIMEOUT = Duration.ofMinutes(10);

  /** Test defaults (DirectRunner, 500 ms trigger), each replaceable by an {@code extra} option. */
  static StreamCountOptions options(
      LocalBroker kafka, String input, String output, String... extra) {
    Map<String, String> args = new java.util.LinkedHashMap<>();
    for (String a :
        List.of(
            "--runner=DirectRunner",
            "--bootstrapServers=" + kafka.bootstrapServers(),
            "--inputTopics=" + input,
            "--outputTopic=" + output,
            "--triggerDelay=500ms",
            "--statusInterval=0s")) {
      args.put(a.substring(0, a.indexOf('=')), a);
    }
    for (String a : extra) {
      args.put(a.contains("=") ? a.substring(0, a.indexOf('=')) : a, a);
    }
    PipelineOptionsFactory.register(StreamCountOptions.class);
    return PipelineOptionsFactory.fromArgs(args.values().toArray(String[]::new))
        .withValidation()
        .as(StreamCountOptions.class);
  }

  @Test
  void theWalkthroughsThreeLines(LocalBroker kafka) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 1);
    List<String> lines =
        Files.readAllLines(Path.of("..", "data", "file-input.txt"), StandardCharsets.UTF_8);
    client.produceLines(input, lines);

    RunningJob job = StreamCount.start(options(kafka, input, output));
    try (CountsTable table = client.counts(output)) {
      assertThat(
              table.awaitExactly(
                  Map.of(
                      "kafka", 3L, "streams", 2L, "all", 1L, "lead", 1L, "to", 1L, "hello", 1L,
                      "join", 1L, "summit", 1L),
                  QUIET,
                  TIMEOUT))
          .hasSize(8);
    } finally {
      job.cancel(Duration.ofSeconds(30));
    }
  }

  @Test
  void twentyThousandGeneratedLinesCountExactly(LocalBroker kafka) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 2);
    List<String> lines = generate(20_000, 10, 1_000, 42);
    Map<String, Long> reference = KafkaTestClient.reference(lines);
    long words = reference.values().stream().mapToLong(Long::longValue).sum();
    client.produceLines(input, lines);

    long started = System.nanoTime();
    // The production shape (runner-profiles/direct.properties: 500 ms trigger, 4 shards of words);
    // the other tests here count by word, so both key shapes run end to end.
    RunningJob job =
        StreamCount.start(options(kafka, input, output, "--triggerDelay=500ms", "--countShards=4"));
    try (CountsTable table = client.counts(output)) {
      table.awaitExactly(reference, QUIET, LARGE_INPUT_TIMEOUT);
      double seconds = (System.nanoTime() - started) / 1e9 - QUIET.toSeconds();
      System.out.printf(
          "DirectRunner (enforcement on, 500 ms trigger, 4 shards): %,d words in %.1f s = %,.0f words/s, %,d updates%n",
          words, seconds, words / seconds, table.updates());
      assertThat(job.status().linesRead()).isEqualTo(lines.size());
      assertThat(job.status().wordsCounted()).isEqualTo(words);
    } finally {
      job.cancel(Duration.ofSeconds(30));
    }
  }

  @Test
  void poisonRecordsAreSkippedAndCountedWhileGoodLinesCount(LocalBroker kafka) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 1);
    List<byte[]> values = new ArrayList<>();
    values.add("good line".getBytes(StandardCharsets.UTF_8));
    values.add(null);
    values.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 'x'});
    values.add("another good line".getBytes(StandardCharsets.UTF_8));
    client.produce(input, values);

    RunningJob job = StreamCount.start(options(kafka, input, output));
    try (CountsTable table = client.counts(output)) {
      table.awaitExactly(Map.of("good", 2L, "line", 2L, "another", 1L), QUIET, TIMEOUT);
      assertThat(job.status().get(StreamCountMetrics.SKIPPED_RECORDS)).isEqualTo(2);
      assertThat(job.status().linesRead()).isEqualTo(2);
    } finally {
      job.cancel(Duration.ofSeconds(30));
    }
    // bin/counts verify recounts the input as the job did, poison included, and then sees a
    // hand-made total
    VerifyTableIT.Verdict verdict =
        VerifyTableIT.verify(
            kafka.bootstrapServers(), "-t", output, "--input-topics", input, "--wait", "0");
    assertThat(verdict.exit()).as(verdict.out()).isZero();
    client.produceTotals(output, List.of(Map.entry("line", 3L)));
    verdict =
        VerifyTableIT.verify(
            kafka.bootstrapServers(), "-t", output, "--input-topics", input, "--wait", "0");
    assertThat(verdict.exit()).isEqualTo(ExitCode.FAILED);
    assertThat(verdict.out()).contains("wrong:   line (table 3, input 2)");
  }

  @Test
  void jsonOutputFormat(LocalBroker kafka) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 1);
    client.produceLines(input, List.of("Café café"));

    RunningJob job = StreamCount.start(options(kafka, input, output, "--outputFormat=json"));
    try {
      List<ConsumerRecord<byte[], byte[]>> records = List.of();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (records.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(500);
        records = client.readAll(output, Duration.ofSeconds(30));
      }
      assertThat(records).hasSize(1);
      assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("café");
      assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8))
          .isEqualTo("{\"word\":\"café\",\"count\":2}");
    } finally {
      job.cancel(Duration.ofSeconds(30));
    }
  }

  /**
   * {@code count} lines of {@code wordsPerLine} words drawn (seeded) from {@code vocabulary} words.
   */
  static List<String> generate(int count, int wordsPerLine, int vocabulary, long seed) {
    Random random = new Random(seed);
    List<String> lines = new ArrayList<>(count);
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < count; i++) {
      line.setLength(0);
      for (int w = 0; w < wordsPerLine; w++) {
        if (w > 0) {
          line.append(' ');
        }
        line.append('w').append(random.nextInt(vocabulary));
      }
      lines.add(line.toString());
    }
    return lines;
  }
}
