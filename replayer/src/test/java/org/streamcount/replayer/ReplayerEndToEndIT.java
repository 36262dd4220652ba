package org.streamcount.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.streamcount.kafka.ExitCode;
import org.streamcount.kafkalocal.JavaProcess;
import org.streamcount.kafkalocal.KafkaBrokerExtension;
import org.streamcount.kafkalocal.LocalBroker;
import org.streamcount.kafkalocal.LoopbackPort;

/** The replayer against a real broker: exact bytes in the topic, and every failure's exit code. */
@ExtendWith(KafkaBrokerExtension.class)
class ReplayerEndToEndIT {
  private static final Path DATA = Path.of("..", "data");
  private static final List<Path> IOT =
      List.of(
          DATA.resolve("iot_data_id10.csv"),
          DATA.resolve("iot_data_id11.csv"),
          DATA.resolve("iot_data_id12.csv"));

  record Run(int code, String out, String err) {}

  static Run replay(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Replayer.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String topic() {
    return "replay-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void threeCsvFilesArePandasRecordsInterleavedByRow(LocalBroker kafka) throws Exception {
    String topic = topic();
    List<String> args =
        new ArrayList<>(
            List.of("csv", "--topic", topic, "-b", kafka.bootstrapServers(), "--interval", "0"));
    IOT.forEach(p -> args.add(p.toString()));
    Run run = replay(args.toArray(String[]::new));

    assertThat(run.code()).as(run.err()).isZero();
    List<String> expected = expectedPandasMessages();
    assertThat(expected).hasSize(303);
    List<ConsumerRecord<byte[], byte[]>> records = readAll(kafka, topic, expected.size());
    assertThat(records)
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .containsExactlyElementsOf(expected);
    // echoed like the seed's print(), one line per message, and a summary on stderr
    assertThat(run.out().lines().toList()).containsExactlyElementsOf(expected);
    assertThat(run.err()).contains("sent 303 messages");

    // spot checks written out by hand: rounding, -10.0 and 0.0
    assertThat(expected.get(3))
        .isEqualTo(
            "[{\"device_id\":10,\"timestamp\":\"2019-10-01 09:01:00\",\"speed\":12.047,"
                + "\"accelerometer_x\":-0.288,\"accelerometer_y\":-9.125,\"accelerometer_z\":-1.265}]");
    assertThat(expected)
        .contains(
            "[{\"device_id\":10,\"timestamp\":\"2019-10-01 09:12:00\",\"speed\":7.962,"
                + "\"accelerometer_x\":1.212,\"accelerometer_y\":-10.0,\"accelerometer_z\":-0.706}]");
    long zeroSpeedRows = 0;
    for (Path file : IOT) {
      zeroSpeedRows +=
          Files.readAllLines(file).stream().filter(l -> l.split(",")[2].equals("0.0")).count();
    }
    assertThat(zeroSpeedRows).isPositive();
    assertThat(expected.stream().filter(m -> m.contains("\"speed\":0.0,")).count())
        .isEqualTo(zeroSpeedRows);
  }

  /**
   * Independent of PandasJson: plain split on commas (these files have no quotes), integers where
   * the whole column is integral, other numbers rounded to 10 decimals with BigDecimal.
   */
  static List<String> expectedPandasMessages() throws Exception {
    List<List<String>> encoded = new ArrayList<>();
    for (Path file : IOT) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      String[] header = lines.get(0).split(",");
      List<String[]> rows =
          lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
      boolean[] integral = new boolean[header.length];
      boolean[] numeric = new boolean[header.length];
      for (int c = 0; c < header.length; c++) {
        final int col = c;
        integral[c] = rows.stream().allMatch(r -> r[col].matches("-?\\d+"));
        numeric[c] = rows.stream().allMatch(r -> r[col].matches("-?\\d+(\\.\\d+)?"));
      }
      List<String> messages = new ArrayList<>();
      for (String[] row : rows) {
        StringBuilder m = new StringBuilder("[{");
        for (int c = 0; c < header.length; c++) {
          if (c > 0) {
            m.append(',');
          }
          m.append('"').append(header[c]).append("\":");
          if (integral[c]) {
            m.append(Long.parseLong(row[c]));
          } else if (numeric[c]) {
            String s =
                new BigDecimal(Double.parseDouble(row[c]))
                    .setScale(10, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros()
                    .toPlainString();
            m.append(s.contains(".") ? s : s + ".0");
          } else {
            m.append('"').append(row[c]).append('"');
          }
        }
        messages.add(m.append("}]").toString());
      }
      encoded.add(messages);
    }
    List<String> interleaved = new ArrayList<>();
    for (int i = 0; encoded.stream().anyMatch(list -> list.size() > 0); i++) {
      boolean any = false;
      for (List<String> messages : encoded) {
        if (i < messages.size()) {
          interleaved.add(messages.get(i));
          any = true;
        }
      }
      if (!any) {
        break;
      }
    }
    return interleaved;
  }

  @Test
  void keyColumnSetsTheRecordKey(LocalBroker kafka) throws Exception {
    String topic = topic();
    Run run =
        replay(
            "csv",
            "--topic",
            topic,
            "-b",
            kafka.bootstrapServers(),
            "--interval",
            "0",
            "--quiet",
            "--key-column",
            "device_id",
            "--format",
            "json",
            IOT.get(1).toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    List<ConsumerRecord<byte[], byte[]>> records = readAll(kafka, topic, 101);
    assertThat(records)
        .allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("11"));
    assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8))
        .startsWith("{\"device_id\":11,");
  }

  @Test
  void textLinesAreOneMessageEach(LocalBroker kafka) throws Exception {
    String topic = topic();
    Run run =
        replay(
            "text",
            "--topic",
            topic,
            "-b",
            kafka.bootstrapServers(),
            DATA.resolve("file-input.txt").toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(readAll(kafka, topic, 3))
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .containsExactly("all streams lead to kafka", "hello kafka streams", "join kafka summit");
    assertThat(run.err()).contains("sent 3 messages");
  }

  @Test
  void stdinWithCrLfAndRepeatedFiles(LocalBroker kafka, @TempDir Path dir) throws Exception {
    Path input = dir.resolve("in.txt");
    Files.write(input, "one\r\n\r\ntwo".getBytes(StandardCharsets.UTF_8));
    String topic = topic();
    JavaProcess.Result stdin =
        JavaProcess.start(
                input,
                Replayer.class,
                "text",
                "-",
                "--topic",
                topic,
                "-b",
                kafka.bootstrapServers())
            .awaitExit(Duration.ofMinutes(2));
    assertThat(stdin.exitCode()).as(stdin.stderr()).isZero();
    assertThat(readAll(kafka, topic, 3))
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .containsExactly("one", "", "two");

    String repeated = topic();
    Run run =
        replay(
            "text",
            "--topic",
            repeated,
            "-b",
            kafka.bootstrapServers(),
            "--repeat",
            "2",
            "--quiet",
            input.toString());
    assertThat(run.code()).isZero();
    assertThat(readAll(kafka, repeated, 6)).hasSize(6);
  }

  @Test
  void longReplaysShowProgressWithRateAndEta(LocalBroker kafka, @TempDir Path dir)
      throws Exception {
    Path input = dir.resolve("lines.txt");
    Files.writeString(input, "x\n".repeat(70));
    Run run =
        replay(
            "text",
            "--topic",
            topic(),
            "-b",
            kafka.bootstrapServers(),
            "--rate",
            "10",
            "--quiet",
            input.toString());
    assertThat(run.code()).isZero();
    assertThat(run.err())
        .containsPattern(
            "replayer: \\d+/70 messages to replay-\\w+ \\(\\d+%, \\d+/s, ETA \\d+s\\)");
    assertThat(run.err()).contains("sent 70 messages (70 bytes)");
  }

  @Test
  void missingFileIsExitCode4BeforeAnythingIsSent(LocalBroker kafka) {
    Run run =
        replay(
            "csv",
            "--topic",
            topic(),
            "-b",
            kafka.bootstrapServers(),
            IOT.get(0).toString(),
            "no-such.csv");
    assertThat(run.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(run.err().strip()).isEqualTo("replayer: no-such.csv: no such file");
    Run directory =
        replay("csv", "--topic", topic(), "-b", kafka.bootstrapServers(), DATA.toString());
    assertThat(directory.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(directory.err().strip())
        .isEqualTo("replayer: " + DATA + ": is a directory, not a file");
    Run text = replay("text", "--topic", topic(), "-b", kafka.bootstrapServers(), "no-such.txt");
    assertThat(text.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(text.err().strip()).isEqualTo("replayer: no-such.txt: no such file");
  }

  /**
   * The seed's rows carry their own time: with --timestamp-column it becomes the record's (event)
   * time.
   */
  @Test
  void timestampColumnGivesEachRecordItsRowsTime(LocalBroker kafka) throws Exception {
    String topic = topic();
    Run run =
        replay(
            "csv",
            "--topic",
            topic,
            "-b",
            kafka.bootstrapServers(),
            "--interval",
            "0",
            "--quiet",
            "--timestamp-column",
            "timestamp",
            IOT.get(0).toString());
    assertThat(run.code()).as(run.err()).isZero();
    List<ConsumerRecord<byte[], byte[]>> records = readAll(kafka, topic, 101);
    List<String> rows = Files.readAllLines(IOT.get(0), StandardCharsets.UTF_8).subList(1, 102);
    for (int i = 0; i < rows.size(); i++) {
      // the row's own time, read as UTC, independently of the replayer's parser
      String time = rows.get(i).split(",")[1];
      long expected =
          java.time.LocalDateTime.parse(time.replace(' ', 'T'))
              .toInstant(java.time.ZoneOffset.UTC)
              .toEpochMilli();
      assertThat(records.get(i).timestamp()).as("row %d (%s)", i + 2, time).isEqualTo(expected);
      assertThat(records.get(i).timestampType())
          .isEqualTo(org.apache.kafka.common.record.TimestampType.CREATE_TIME);
    }
    assertThat(records.get(0).timestamp())
        .isEqualTo(java.time.Instant.parse("2019-10-01T09:00:00Z").toEpochMilli());
    // the message itself is what the seed's producer sent, as without the option
    List<String> pandas = expectedPandasMessages();
    assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(pandas.get(0));

    String inBerlin = topic();
    Run berlin =
        replay(
            "csv",
            "--topic",
            inBerlin,
            "-b",
            kafka.bootstrapServers(),
            "--interval",
            "0",
            "--quiet",
            "--timestamp-column",
            "timestamp",
            "--timezone",
            "Europe/Berlin",
            "--timestamp-format",
            "yyyy-MM-dd HH:mm:ss",
            IOT.get(0).toString());
    assertThat(berlin.code()).as(berlin.err()).isZero();
    // 09:00 in Berlin in October (summer time, UTC+2) is 07:00 UTC
    assertThat(readAll(kafka, inBerlin, 101).get(0).timestamp())
        .isEqualTo(java.time.Instant.parse("2019-10-01T07:00:00Z").toEpochMilli());

    // a topic that would delete 2019 records at its next retention check is refused, nothing sent
    String deleting = topic();
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", kafka.bootstrapServers());
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(p)) {
      admin
          .createTopics(
              List.of(
                  new org.apache.kafka.clients.admin.NewTopic(deleting, 1, (short) 1)
                      .configs(java.util.Map.of("retention.ms", "604800000"))))
          .all()
          .get();
    }
    Run refused =
        replay(
            "csv",
            "--topic",
            deleting,
            "-b",
            kafka.bootstrapServers(),
            "--interval",
            "0",
            "--quiet",
            "--timestamp-column",
            "timestamp",
            IOT.get(0).toString());
    assertThat(refused.code()).isEqualTo(ExitCode.USAGE);
    assertThat(refused.err())
        .contains("keeps records for retention.ms=604800000", "2019-10-01T09:00:00Z");
  }

  /** Text lines that start with their time: stamped with it, sent without it. */
  @Test
  void timestampPrefixStampsEachLineAndStripsIt(LocalBroker kafka, @TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("events.txt");
    Files.writeString(
        log,
        "2019-10-01T09:00:00Z door opened\n"
            + "2019-10-01 09:01:30 café ☕ served\n"
            + "1569920520000\tlights off\n");
    String topic = topic();
    Run run =
        replay(
            "text",
            "--topic",
            topic,
            "-b",
            kafka.bootstrapServers(),
            "--quiet",
            "--timestamp-prefix",
            log.toString());
    assertThat(run.code()).as(run.err()).isZero();
    List<ConsumerRecord<byte[], byte[]>> records = readAll(kafka, topic, 3);
    assertThat(records)
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .containsExactly("door opened", "café ☕ served", "lights off");
    assertThat(records)
        .extracting(ConsumerRecord::timestamp)
        .containsExactly(
            java.time.Instant.parse("2019-10-01T09:00:00Z").toEpochMilli(),
            java.time.Instant.parse("2019-10-01T09:01:30Z").toEpochMilli(),
            java.time.Instant.parse("2019-10-01T09:02:00Z").toEpochMilli());

    // a line without a time: file:line, before anything is sent
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, "2019-10-01T09:00:00Z fine\nno time here\n");
    String untouched = topic();
    Run refused =
        replay(
            "text",
            "--topic",
            untouched,
            "-b",
            kafka.bootstrapServers(),
            "--timestamp-prefix",
            bad.toString());
    assertThat(refused.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(refused.err())
        .contains(bad + ":2: --timestamp-prefix: the line does not start with a time");
    assertThat(refused.out()).as("nothing sent").isEmpty();
  }

  /**
   * --speedup keeps the recorded gaps, divided: three rows one minute apart at 60x take two seconds
   * at least (only the lower bound is certain on a shared machine).
   */
  @Test
  void speedupPacesByTheRowsOwnTimes(LocalBroker kafka, @TempDir Path dir) throws Exception {
    Path csv = dir.resolve("paced.csv");
    Files.writeString(
        csv, "id,timestamp\n1,2019-10-01 09:00:00\n2,2019-10-01 09:01:00\n3,2019-10-01 09:02:00\n");
    String topic = topic();
    long started = System.nanoTime();
    Run run =
        replay(
            "csv",
            "--topic",
            topic,
            "-b",
            kafka.bootstrapServers(),
            "--quiet",
            "--timestamp-column",
            "timestamp",
            "--speedup",
            "60",
            csv.toString());
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(readAll(kafka, topic, 3)).hasSize(3);
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(2_000);

    Run both =
        replay(
            "csv",
            "--topic",
            topic,
            "-b",
            kafka.bootstrapServers(),
            "--timestamp-column",
            "timestamp",
            "--speedup",
            "60",
            "--interval",
            "1",
            csv.toString());
    assertThat(both.code()).isEqualTo(ExitCode.USAGE);
    assertThat(both.err()).contains("--speedup and --interval both pace: choose one");
    Run noTimes = replay("text", "--topic", topic, "--speedup", "2", csv.toString());
    assertThat(noTimes.code()).isEqualTo(ExitCode.USAGE);
    assertThat(noTimes.err()).contains("--speedup paces by the lines' own times");
  }

  @Test
  void aRowWhoseTimeIsNotATimeNamesFileAndLineBeforeAnythingIsSent(
      LocalBroker kafka, @TempDir Path dir) throws Exception {
    Path bad = dir.resolve("times.csv");
    Files.writeString(bad, "id,timestamp\n1,2019-10-01 09:00:00\n2,1570000000000\n3,yesterday\n");
    String topic = topic();
    Run run =
        replay(
            "csv",
            "--topic",
            topic,
            "-b",
            kafka.bootstrapServers(),
            "--interval",
            "0",
            "--timestamp-column",
            "timestamp",
            bad.toString());
    assertThat(run.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(run.err())
        .contains(bad + ":4: --timestamp-column timestamp: 'yesterday' is not a time");
    assertThat(run.out()).as("nothing sent").isEmpty();

    Run noColumn =
        replay(
            "csv",
            "--topic",
            topic,
            "-b",
            kafka.bootstrapServers(),
            "--interval",
            "0",
            "--timestamp-column",
            "time",
            bad.toString());
    assertThat(noColumn.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(noColumn.err())
        .contains("no column named 'time' for --timestamp-column (columns: id, timestamp)");
  }

  @Test
  void malformedRowNamesFileAndLine(LocalBroker kafka, @TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "a,b\n1,2\n3,4,5\n");
    String topic = topic();
    Run run =
        replay(
            "csv",
            "--topic",
            topic,
            "-b",
            kafka.bootstrapServers(),
            "--interval",
            "0",
            bad.toString());
    assertThat(run.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(run.err().strip())
        .isEqualTo(
            "replayer: "
                + bad
                + ":3: expected 2 fields, found 3 (--skip-bad-rows skips such rows)");

    Run skipping =
        replay(
            "csv",
            "--topic",
            topic,
            "-b",
            kafka.bootstrapServers(),
            "--interval",
            "0",
            "--skip-bad-rows",
            bad.toString());
    assertThat(skipping.code()).isZero();
    assertThat(skipping.err())
        .contains(bad + ": skipping 1 bad row(s)")
        .contains("sent 1 messages");
  }

  @Test
  void unreachableBrokerIsABoundedWaitThenExitCode3() throws Exception {
    int closed = LoopbackPort.free();
    long started = System.nanoTime();
    Run run =
        replay(
            "text",
            "--topic",
            "t",
            "-b",
            "127.0.0.1:" + closed,
            "--timeout",
            "3",
            DATA.resolve("file-input.txt").toString());
    assertThat(run.code()).isEqualTo(ExitCode.KAFKA_UNAVAILABLE);
    assertThat(run.err().strip())
        .isEqualTo(
            "replayer: no Kafka broker answered at 127.0.0.1:"
                + closed
                + " within 3s (--timeout); is it running? (bin/kafka-local start)");
    assertThat((System.nanoTime() - started) / 1e9).isLessThan(30);
  }

  @Test
  void aSendThatFailsIsExitCode1NeverSilent(LocalBroker kafka, @TempDir Path dir) throws Exception {
    Path huge = dir.resolve("huge.txt");
    Files.writeString(huge, "small\n" + "x".repeat(9 * 1024 * 1024) + "\n");
    Run run =
        replay(
            "text", "--topic", topic(), "-b", kafka.bootstrapServers(), "--quiet", huge.toString());
    assertThat(run.code()).isEqualTo(ExitCode.FAILED);
    assertThat(run.err()).contains("1 message(s) were not delivered").contains("larger than");
  }

  static List<ConsumerRecord<byte[], byte[]>> readAll(
      LocalBroker kafka, String topic, int expected) {
    return readAll(kafka.bootstrapServers(), topic, expected);
  }

  static List<ConsumerRecord<byte[], byte[]>> readAll(
      String bootstrap, String topic, int expected) {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrap);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (consumer.position(tp) < end && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    assertThat(records).hasSize(expected);
    return records;
  }
}
