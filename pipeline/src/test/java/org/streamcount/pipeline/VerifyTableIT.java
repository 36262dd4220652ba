package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.streamcount.kafka.ExitCode;
import org.streamcount.kafkalocal.KafkaBrokerExtension;
import org.streamcount.kafkalocal.LocalBroker;
import org.streamcount.pipeline.counts.CountsCommand;
import org.streamcount.pipeline.counts.VerifyTable;
import picocli.CommandLine;

/**
 * bin/counts verify against the real broker, with tables written by hand: exact, tampered,
 * unverifiable.
 */
@ExtendWith(KafkaBrokerExtension.class)
class VerifyTableIT {
  private static final List<String> LINES =
      List.of("all streams lead to kafka", "hello kafka streams", "join kafka summit");

  /** What `bin/counts verify ARGS` printed and returned. */
  record Verdict(int exit, String out) {}

  static Verdict verify(String bootstrap, String... args) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    String[] all = new String[args.length + 2];
    all[0] = "-b";
    all[1] = bootstrap;
    System.arraycopy(args, 0, all, 2, args.length);
    int exit =
        new CommandLine(new VerifyTable(new PrintStream(printed, true, StandardCharsets.UTF_8)))
            .execute(all);
    return new Verdict(exit, printed.toString(StandardCharsets.UTF_8));
  }

  /** An input topic holding LINES and an empty table topic. */
  record Topics(KafkaTestClient client, String input, String output) {
    static Topics withLines(LocalBroker kafka, int inputPartitions) throws Exception {
      KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
      Topics t =
          new Topics(
              client, KafkaTestClient.uniqueTopic("lines"), KafkaTestClient.uniqueTopic("counts"));
      client.createTopic(t.input(), inputPartitions);
      client.createTopic(t.output(), 1);
      client.produceLines(t.input(), LINES);
      return t;
    }
  }

  @Test
  void itIsTheVerifyCommandOfBinCounts() {
    assertThat(new CommandLine(new CountsCommand()).getSubcommands()).containsKey("verify");
  }

  @Test
  void anExactTableThenATamperedOne(LocalBroker kafka) throws Exception {
    Topics t = Topics.withLines(kafka, 2);
    KafkaTestClient client = t.client();
    String input = t.input();
    String output = t.output();
    // a poison record: the job skips it, and so must the recount
    client.produce(input, java.util.Arrays.asList(new byte[] {(byte) 0xFF, 'x'}, null));
    client.produceTotals(output, List.copyOf(KafkaTestClient.reference(LINES).entrySet()));

    Verdict exact =
        verify(kafka.bootstrapServers(), "-t", output, "--input-topics", input, "--wait", "0");
    assertThat(exact.exit()).as(exact.out()).isZero();
    assertThat(exact.out()).contains("EXACT: 8 matching, 0 missing, 0 wrong, 0 extra");

    // by hand: one total wrong, one word that no input holds, and one word deleted (a tombstone)
    client.produceTotals(output, List.of(Map.entry("kafka", 4L), Map.entry("spark", 1L)));
    Verdict tampered =
        verify(kafka.bootstrapServers(), "-t", output, "--input-topics", input, "--wait", "0");
    assertThat(tampered.exit()).isEqualTo(ExitCode.FAILED);
    assertThat(tampered.out())
        .contains("wrong:   kafka (table 4, input 3)")
        .contains("extra:   spark (table 1, not in the input)")
        .contains("NOT EXACT: 7 matching, 0 missing, 1 wrong, 1 extra");

    client.produceTotals(output, List.of(Map.entry("kafka", 3L)));
    client.produceTombstone(output, "spark");
    client.produceTombstone(output, "summit");
    Verdict missing =
        verify(kafka.bootstrapServers(), "-t", output, "--input-topics", input, "--wait", "0");
    assertThat(missing.exit()).isEqualTo(ExitCode.FAILED);
    assertThat(missing.out())
        .contains("missing: summit (input 1)")
        .contains("NOT EXACT: 7 matching, 1 missing, 0 wrong, 0 extra");
  }

  @Test
  void aTableThatCatchesUpWithinTheWaitIsExact(LocalBroker kafka) throws Exception {
    Topics t = Topics.withLines(kafka, 1);
    KafkaTestClient client = t.client();
    String input = t.input();
    String output = t.output();
    Thread late =
        new Thread(
            () -> {
              try {
                Thread.sleep(2_000);
                client.produceTotals(
                    output, List.copyOf(KafkaTestClient.reference(LINES).entrySet()));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    late.start();
    Verdict verdict =
        verify(kafka.bootstrapServers(), "-t", output, "--input-topics", input, "--wait", "60");
    late.join();
    assertThat(verdict.exit()).as(verdict.out()).isZero();
  }

  @Test
  void anInputThatLostItsFirstLinesCannotBeVerified(LocalBroker kafka) throws Exception {
    Topics t = Topics.withLines(kafka, 1);
    KafkaTestClient client = t.client();
    String input = t.input();
    String output = t.output();
    client.produceTotals(output, List.copyOf(KafkaTestClient.reference(LINES).entrySet()));
    client.deleteBefore(input, 0, 1);
    Verdict verdict =
        verify(kafka.bootstrapServers(), "-t", output, "--input-topics", input, "--wait", "0");
    assertThat(verdict.exit()).isEqualTo(ExitCode.BAD_INPUT);
  }

  @Test
  void aMissingInputTopicIsSaid(LocalBroker kafka) {
    Verdict verdict =
        verify(
            kafka.bootstrapServers(),
            "-t",
            "no-such-table",
            "--input-topics",
            "no-such-input",
            "--wait",
            "0");
    assertThat(verdict.exit()).isEqualTo(ExitCode.KAFKA_UNAVAILABLE);
  }
}
