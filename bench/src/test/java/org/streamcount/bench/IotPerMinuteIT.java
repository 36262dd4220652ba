package org.streamcount.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.streamcount.kafkalocal.KafkaBrokerExtension;
import org.streamcount.kafkalocal.LocalBroker;

/**
 * The seed's IoT rows counted per minute of their own time, as a user runs it: {@code bin/replayer
 * csv data/iot_data_id1{0,1,2}.csv --timestamp-column timestamp} into {@code bin/streamcount
 * --tokenizer=split:: --window=fixed:1m --outputFormat=json} (otherwise the defaults), on a real
 * broker. The table must equal a count made here: each record Kafka holds, split on {@code :} as
 * Spark's {@code split} does, under the minute of its timestamp; and each timestamp must be its
 * row's, read from the files. Like the bench, it reads the table with code of its own, not the
 * pipeline's.
 */
@ExtendWith(KafkaBrokerExtension.class)
class IotPerMinuteIT {
  private static final DateTimeFormatter ROW_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final Pattern JSON_COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

  @Test
  void theSeedRowsReplayedByTheirOwnTimeCountPerMinute(LocalBroker kafka, @TempDir Path home)
      throws Exception {
    Path root = Layout.current().root();
    List<String> files = new ArrayList<>();
    Map<Long, Integer> rowsAt = new HashMap<>();
    for (String id : List.of("10", "11", "12")) {
      Path file = root.resolve("data").resolve("iot_data_id" + id + ".csv");
      files.add(file.toString());
      List<String> rows = Files.readAllLines(file);
      for (String row : rows.subList(1, rows.size())) {
        String time = row.split(",", -1)[1];
        long millis = LocalDateTime.parse(time, ROW_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
        rowsAt.merge(millis, 1, Integer::sum);
      }
    }
    String input = "iot-" + UUID.randomUUID();
    String output = input + "-per-minute";
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      // 2019 records: the default 7 days' retention would delete them at its next check
      admin
          .createTopics(
              List.of(new NewTopic(input, 1, (short) 1).configs(Map.of("retention.ms", "-1"))))
          .all()
          .get(30, TimeUnit.SECONDS);
    }

    List<String> replay = new ArrayList<>(List.of(root.resolve("bin/replayer").toString(), "csv"));
    replay.addAll(files);
    replay.addAll(
        List.of(
            "--timestamp-column",
            "timestamp",
            "--interval",
            "0",
            "--topic",
            input,
            "-b",
            kafka.bootstrapServers(),
            "--quiet"));
    Process replayer = start(replay, home, home.resolve("replayer.out"));
    assertThat(replayer.waitFor(3, TimeUnit.MINUTES)).as("the replayer ends").isTrue();
    assertThat(replayer.exitValue()).as(Files.readString(home.resolve("replayer.out"))).isZero();

    Map<String, Long> reference = new HashMap<>();
    Map<Long, Integer> recordsAt = new HashMap<>();
    Pattern colon = Pattern.compile(":");
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
      readToEnd(
          consumer,
          input,
          r -> {
            recordsAt.merge(r.timestamp(), 1, Integer::sum);
            String minute =
                Instant.ofEpochMilli(Math.floorDiv(r.timestamp(), 60_000L) * 60_000L).toString();
            for (String word : colon.split(new String(r.value(), StandardCharsets.UTF_8), -1)) {
              reference.merge(word + "@" + minute, 1L, Long::sum);
            }
          });
    }
    assertThat(recordsAt).as("each record stamped with its row's time").isEqualTo(rowsAt);

    Process job =
        start(
            List.of(
                root.resolve("bin/streamcount").toString(),
                "--bootstrapServers=" + kafka.bootstrapServers(),
                "--inputTopics=" + input,
                "--outputTopic=" + output,
                "--tokenizer=split::",
                "--window=fixed:1m",
                "--outputFormat=json"),
            home,
            home.resolve("streamcount.out"));
    Map<String, Long> table = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      while (!table.equals(reference) && System.nanoTime() < deadline && job.isAlive()) {
        Thread.sleep(2_000);
        table.clear();
        if (!consumer.listTopics().containsKey(output)) {
          continue;
        }
        readToEnd(
            consumer,
            output,
            r -> {
              String word = new String(r.key(), StandardCharsets.UTF_8);
              if (r.value() == null) {
                table.remove(word);
              } else {
                Matcher count = JSON_COUNT.matcher(new String(r.value(), StandardCharsets.UTF_8));
                assertThat(count.find()).as("a JSON count: %s", word).isTrue();
                table.put(word, Long.parseLong(count.group(1)));
              }
            });
      }
    } finally {
      job.destroy(); // SIGTERM: streamcount stops cleanly
      if (!job.waitFor(30, TimeUnit.SECONDS)) {
        job.destroyForcibly();
      }
    }
    assertThat(table)
        .as(
            "the per-minute table; streamcount's output:%n%s",
            tail(home.resolve("streamcount.out")))
        .isEqualTo(reference);
    assertThat(reference).as("words of 101 minutes").hasSizeGreaterThan(101);
  }

  private static Process start(List<String> command, Path home, Path out) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().put("STREAMCOUNT_HOME", home.toString());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return builder.start();
  }

  private static KafkaConsumer<byte[], byte[]> consumer(LocalBroker kafka) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Every record of the topic's partition 0, from its beginning to its end as it is now. */
  private static void readToEnd(
      KafkaConsumer<byte[], byte[]> consumer,
      String topic,
      Consumer<ConsumerRecord<byte[], byte[]>> each) {
    TopicPartition partition = new TopicPartition(topic, 0);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    long end = consumer.endOffsets(List.of(partition)).get(partition);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (consumer.position(partition) < end) {
      assertThat(System.nanoTime())
          .as("%s read to its end in a minute", topic)
          .isLessThan(deadline);
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(java.time.Duration.ofMillis(200))) {
        if (r.offset() < end) {
          each.accept(r);
        }
      }
    }
  }

  private static String tail(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
