package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.streamcount.kafka.KafkaTopics;
import org.streamcount.kafkalocal.JavaProcess;
import org.streamcount.kafkalocal.KafkaBrokerExtension;
import org.streamcount.kafkalocal.LocalBroker;

/**
 * Counts per minute of event time: the seed's three IoT CSVs, interleaved row by row as the
 * replayer sends them, each row stamped with its own {@code timestamp} column, counted with {@code
 * --window=fixed:1m}, against per-minute counts made here from the files themselves. Interleaving
 * sends rows out of time order; every one must land in its own minute. Every minute but the last
 * closes and is marked final; a row later than {@code --allowedLateness} is dropped and counted.
 */
@ExtendWith(KafkaBrokerExtension.class)
class WindowedCountIT {
  private static final Path DATA = Path.of("..", "data");
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]+");

  @ResourceLock(TestLocks.SPARK_JOBS)
  @Test
  void onSparkPerMinuteCountsOfTheSeedRowsByTheirOwnTime(LocalBroker kafka, @TempDir Path dir)
      throws Exception {
    perMinuteCountsOfTheSeedRowsByTheirOwnTime("SparkRunner", kafka, dir);
  }

  /** Beside a Spark test: it runs no Spark job. */
  @Test
  void onTheDirectRunnerPerMinuteCountsOfTheSeedRowsByTheirOwnTime(
      LocalBroker kafka, @TempDir Path dir) throws Exception {
    perMinuteCountsOfTheSeedRowsByTheirOwnTime("DirectRunner", kafka, dir);
  }

  private void perMinuteCountsOfTheSeedRowsByTheirOwnTime(
      String runner, LocalBroker kafka, Path dir) throws Exception {
    List<List<String>> files = new ArrayList<>();
    for (String id : List.of("10", "11", "12")) {
      List<String> rows = Files.readAllLines(DATA.resolve("iot_data_id" + id + ".csv"));
      files.add(rows.subList(1, rows.size()));
    }
    List<Map.Entry<String, Long>> interleaved = new ArrayList<>();
    int longest = files.stream().mapToInt(List::size).max().orElse(0);
    for (int i = 0; i < longest; i++) {
      for (List<String> rows : files) {
        if (i < rows.size()) {
          interleaved.add(Map.entry(rows.get(i), timeOf(rows.get(i))));
        }
      }
    }
    assertThat(interleaved).hasSize(303);
    Map<String, Long> reference = new HashMap<>();
    for (Map.Entry<String, Long> row : interleaved) {
      long minute = Math.floorDiv(row.getValue(), 60_000L) * 60_000L;
      Matcher m = WORD.matcher(row.getKey());
      while (m.find()) {
        reference.merge(
            m.group().toLowerCase(Locale.ROOT) + "@" + java.time.Instant.ofEpochMilli(minute),
            1L,
            Long::sum);
      }
    }

    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("iot");
    String output = KafkaTestClient.uniqueTopic("per-minute");
    // 2019 records: a topic with the default 7 days' retention deletes them at its next check
    client.createTopic(input, 1, Map.of("retention.ms", "-1"));
    client.produceLinesAt(input, interleaved);
    JavaProcess job =
        PipelineProcess.start(
            PipelineProcess.jobArgs(
                runner, kafka, input, output, dir, "--window=fixed:1m", "--outputFormat=json"));
    try (CountsTable table = new CountsTable(kafka.bootstrapServers(), output, OutputFormat.JSON)) {
      table.awaitExactly(reference, Duration.ofSeconds(3), Duration.ofMinutes(4));
      awaitFinalUpTo(client, output, OPEN_FROM);

      // bin/counts verify recounts the input by each record's timestamp: the same table
      VerifyTableIT.Verdict verdict =
          VerifyTableIT.verify(
              kafka.bootstrapServers(),
              "--topic",
              output,
              "--format",
              "json",
              "--input-topics",
              input,
              "--window",
              "fixed:1m");
      assertThat(verdict.exit()).as(verdict.out()).isZero();

      // The watermark is now 10:40 and --allowedLateness 1m: a row of 09:00 is late. Its 8 words
      // are dropped and counted; a row of 10:40 that comes after it still counts.
      client.produceLinesAt(
          input,
          List.of(
              Map.entry("99,2019-10-01 09:00:30,late", timeOf("99,2019-10-01 09:00:30,late")),
              Map.entry("ontime", timeOf("0,2019-10-01 10:40:30"))));
      Map<String, Long> withOnTime = new HashMap<>(reference);
      withOnTime.put("ontime@2019-10-01T10:40:00Z", 1L);
      table.awaitExactly(withOnTime, Duration.ofSeconds(3), Duration.ofMinutes(2));
      job.awaitStderr("late words dropped 8", Duration.ofSeconds(30));
    } catch (AssertionError e) {
      job.terminate();
      String err = job.stderr();
      throw new AssertionError(
          "the job's stderr ends: " + err.substring(Math.max(0, err.length() - 4_000)), e);
    } finally {
      job.terminate();
    }

    // one record as any consumer reads it: the word and its window in the value, compacted and
    // deleted by retention
    ConsumerRecord<byte[], byte[]> first = firstRecord(kafka, output);
    JsonNode value = new ObjectMapper().readTree(first.value());
    String key = new String(first.key(), StandardCharsets.UTF_8);
    assertThat(key)
        .isEqualTo(value.get("word").asText() + "@" + value.get("window_start").asText());
    assertThat(
            java.time.Instant.parse(value.get("window_end").asText()).toEpochMilli()
                - java.time.Instant.parse(value.get("window_start").asText()).toEpochMilli())
        .isEqualTo(60_000L);
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", kafka.bootstrapServers());
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(p)) {
      Duration wait = Duration.ofSeconds(10);
      assertThat(KafkaTopics.setting(admin, output, "cleanup.policy", wait))
          .isEqualTo("compact,delete");
      assertThat(KafkaTopics.setting(admin, output, "retention.ms", wait)).isEqualTo("604800000");
    }
  }

  /**
   * The rows end at 10:40: with --allowedLateness 1m the watermark has passed the end of every
   * minute before 10:38 by more than that.
   */
  private static final String OPEN_FROM = "2019-10-01T10:38:00Z";

  /** The finals of a firing may land a moment after its running totals. */
  static void awaitFinalUpTo(KafkaTestClient client, String topic, String open) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        assertFinalUpTo(client.readAll(topic, Duration.ofSeconds(30)), open);
        return;
      } catch (AssertionError notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(500);
      }
    }
  }

  /**
   * Every window before {@code open} closed: each of its words' last record is marked final (a
   * header, and {@code "final":true}) and no record of a word follows its final one; the windows
   * from {@code open} on are not final.
   */
  private static void assertFinalUpTo(List<ConsumerRecord<byte[], byte[]>> records, String open)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, Boolean> finalPerKey = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      String key = new String(r.key(), StandardCharsets.UTF_8);
      boolean header = r.headers().lastHeader(OutputFormat.FINAL_HEADER) != null;
      boolean field = json.readTree(r.value()).get("final").asBoolean();
      assertThat(field).as("final field and header of " + key).isEqualTo(header);
      Boolean before = finalPerKey.put(key, field);
      assertThat(Boolean.TRUE.equals(before) && !field)
          .as(key + ": a running total after the final one")
          .isFalse();
    }
    finalPerKey.forEach(
        (key, isFinal) ->
            assertThat(isFinal)
                .as(key + " is final")
                .isEqualTo(
                    EventTimeWindows.startOf(key) < java.time.Instant.parse(open).toEpochMilli()));
  }

  private static long timeOf(String row) {
    String time = row.split(",")[1];
    return LocalDateTime.parse(time.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static ConsumerRecord<byte[], byte[]> firstRecord(LocalBroker kafka, String topic) {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", kafka.bootstrapServers());
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      for (int i = 0; i < 50; i++) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          return r;
        }
      }
    }
    throw new AssertionError("no record in " + topic);
  }
}
