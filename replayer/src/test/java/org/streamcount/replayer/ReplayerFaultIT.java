package org.streamcount.replayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamcount.kafka.ExitCode;
import org.streamcount.kafkalocal.JavaProcess;
import org.streamcount.kafkalocal.LocalBroker;

/**
 * Faults around a running replay: a broker killed and restarted mid-replay (every line arrives
 * exactly once, in order), a broker that never comes back (a clear failure, bounded), SASL
 * credentials right and wrong (and never printed), files too big for memory (streamed).
 */
class ReplayerFaultIT {
  private static final String SECRET = "replayer-s3cr3t";

  @Test
  void aBrokerKilledAndRestartedMidReplayLosesAndDuplicatesNothing(@TempDir Path dir)
      throws Exception {
    Path lines = dir.resolve("lines.txt");
    Files.writeString(
        lines,
        IntStream.range(0, 20_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"))
            + "\n");
    try (LocalBroker broker = LocalBroker.start(dir.resolve("kafka"))) {
      String topic = ReplayerEndToEndIT.topic();
      JavaProcess replay =
          JavaProcess.start(
              Replayer.class,
              "text",
              lines.toString(),
              "--topic",
              topic,
              "-b",
              broker.bootstrapServers(),
              "--rate",
              "2000",
              "--quiet",
              "--timeout",
              "120");
      // mid-replay: once its first progress line is out (5 s in, of 10 s), not after a fixed
      // sleep, which on a loaded machine ended before the replayer had reached the broker
      replay.awaitStderr("/20,000 messages to " + topic, Duration.ofMinutes(2));
      broker.kill();
      Thread.sleep(4_000);
      broker.restart();
      JavaProcess.Result r = replay.awaitExit(Duration.ofMinutes(3));
      assertThat(r.exitCode()).as(r.stderr()).isZero();
      assertThat(r.stderr())
          .contains("no acknowledgement from " + broker.bootstrapServers())
          .contains("acknowledges again")
          .contains("sent 20,000 messages");

      List<ConsumerRecord<byte[], byte[]>> records =
          ReplayerEndToEndIT.readAll(broker, topic, 20_000);
      List<String> values = new ArrayList<>();
      records.forEach(rec -> values.add(new String(rec.value(), StandardCharsets.UTF_8)));
      assertThat(values)
          .containsExactlyElementsOf(
              IntStream.range(0, 20_000).mapToObj(i -> "line " + i).toList());
    }
  }

  @Test
  void aBrokerThatNeverComesBackIsABoundedFailure(@TempDir Path dir) throws Exception {
    Path lines = dir.resolve("lines.txt");
    Files.writeString(lines, "x\n".repeat(5_000));
    try (LocalBroker broker = LocalBroker.start(dir.resolve("kafka"))) {
      String topic = ReplayerEndToEndIT.topic();
      JavaProcess replay =
          JavaProcess.start(
              Replayer.class,
              "text",
              lines.toString(),
              "--topic",
              topic,
              "-b",
              broker.bootstrapServers(),
              "--rate",
              "500",
              "--quiet",
              "--timeout",
              "5");
      // mid-replay, as in the test above: after a fixed 3 s a loaded machine's replayer was still
      // creating its topic, and failed on that instead ("Timed out waiting for a node assignment")
      replay.awaitStderr("/5,000 messages to " + topic, Duration.ofMinutes(2));
      broker.kill();
      long down = System.nanoTime();
      JavaProcess.Result r = replay.awaitExit(Duration.ofMinutes(2));
      assertThat((System.nanoTime() - down) / 1e9).isLessThan(45);
      assertThat(r.exitCode()).isNotZero();
      assertThat(r.stderr())
          .containsPattern(
              "replayer: (\\d+ message\\(s\\) were not delivered|no Kafka broker answered)");
    }
  }

  @Test
  void saslCredentialsRightAndWrongAndNeverPrinted(@TempDir Path dir) throws Exception {
    try (LocalBroker broker =
        LocalBroker.start(
            dir.resolve("kafka"),
            LocalBroker.Options.defaults().withSaslUsers(Map.of("bob", SECRET)))) {
      Path good = commandConfig(dir.resolve("good.properties"), SECRET);
      Path bad = commandConfig(dir.resolve("bad.properties"), "not-" + SECRET);
      String topic = ReplayerEndToEndIT.topic();
      ReplayerEndToEndIT.Run ok =
          ReplayerEndToEndIT.replay(
              "text",
              "../data/file-input.txt",
              "--topic",
              topic,
              "-b",
              broker.saslBootstrapServers(),
              "--command-config",
              good.toString());
      assertThat(ok.code()).as(ok.err()).isZero();
      assertThat(ReplayerEndToEndIT.readAll(broker, topic, 3)).hasSize(3);

      long started = System.nanoTime();
      ReplayerEndToEndIT.Run refused =
          ReplayerEndToEndIT.replay(
              "text",
              "../data/file-input.txt",
              "--topic",
              topic,
              "-b",
              broker.saslBootstrapServers(),
              "--command-config",
              bad.toString());
      assertThat((System.nanoTime() - started) / 1e9).as("fails fast").isLessThan(20);
      assertThat(refused.code()).isEqualTo(ExitCode.KAFKA_UNAVAILABLE);
      assertThat(refused.err())
          .contains(
              "replayer: Kafka at "
                  + broker.saslBootstrapServers()
                  + " refused the credentials in --command-config")
          .contains("Authentication failed");
      assertThat(ok.out() + ok.err() + refused.out() + refused.err()).doesNotContain(SECRET);
    }
  }

  @Test
  void aHundredMegabyteCsvIsStreamedInConstantMemory(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.csv");
    try (var out = Files.newBufferedWriter(big)) {
      out.write("device_id,timestamp,speed,note\n");
      StringBuilder row = new StringBuilder();
      for (int i = 0; Files.size(big) < 100L * 1024 * 1024 || i % 10_000 != 0; i++) {
        row.setLength(0);
        row.append(i % 100)
            .append(",2019-10-01 09:00:00,")
            .append(i * 0.001)
            .append(",\"a note, with a comma and \"\"quotes\"\" ")
            .append("x".repeat(40))
            .append("\"\n");
        out.write(row.toString());
        if (i % 10_000 == 0) {
          out.flush();
        }
      }
    }
    assertThat(Files.size(big)).isGreaterThanOrEqualTo(100L * 1024 * 1024);
    try (LocalBroker broker = LocalBroker.start(dir.resolve("kafka"))) {
      String topic = ReplayerEndToEndIT.topic();
      long started = System.nanoTime();
      // 48 MB of heap for 100 MB of CSV: it cannot be held in memory, only streamed
      JavaProcess.Result r =
          JavaProcess.start(
                  List.of("-Xmx48m"),
                  null,
                  Replayer.class,
                  "csv",
                  big.toString(),
                  "--topic",
                  topic,
                  "-b",
                  broker.bootstrapServers(),
                  "--interval",
                  "0",
                  "--quiet")
              .awaitExit(Duration.ofMinutes(8));
      assertThat(r.exitCode()).as(r.stderr()).isZero();
      assertThat(r.stderr()).containsPattern("sent [\\d,]+ messages");
      System.out.printf(
          "100 MB CSV with -Xmx48m: %.1f s; %s%n",
          (System.nanoTime() - started) / 1e9,
          r.stderr().lines().filter(l -> l.contains("sent ")).findFirst().orElse(""));
    }
  }

  @Test
  void emptyFileAndHeaderOnly(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.csv"), "");
    Path header = Files.writeString(dir.resolve("header.csv"), "a,b\n");
    ReplayerEndToEndIT.Run e =
        ReplayerEndToEndIT.replay("csv", empty.toString(), "--topic", "t", "-b", "127.0.0.1:1");
    assertThat(e.code()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(e.err().strip()).isEqualTo("replayer: " + empty + ": empty file, no header row");
    try (LocalBroker broker = LocalBroker.start(dir.resolve("kafka"))) {
      ReplayerEndToEndIT.Run h =
          ReplayerEndToEndIT.replay(
              "csv",
              header.toString(),
              "--topic",
              ReplayerEndToEndIT.topic(),
              "-b",
              broker.bootstrapServers());
      assertThat(h.code()).isZero();
      assertThat(h.err())
          .contains(header + ": header only, no rows to send")
          .contains("sent 0 messages");
    }
  }

  private static Path commandConfig(Path file, String password) throws Exception {
    return Files.writeString(
        file,
        String.join(
            "\n",
            "security.protocol=SASL_PLAINTEXT",
            "sasl.mechanism=PLAIN",
            "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"bob\" password=\""
                + password
                + "\";"));
  }
}
