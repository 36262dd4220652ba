package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.streamcount.kafkalocal.KafkaBrokerExtension;
import org.streamcount.kafkalocal.LocalBroker;
import org.streamcount.pipeline.launch.RunningJob;
import org.streamcount.pipeline.launch.StreamCount;

/**
 * Everything hostile in one input topic, between good lines: nothing crashes or stalls the
 * pipeline, good lines count exactly, every skipped record is counted and dead-lettered.
 */
@ExtendWith(KafkaBrokerExtension.class)
class HostileInputIT {

  @Test
  void poisonAndHostileValuesNeverStopTheCount(LocalBroker kafka) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("hostile");
    String output = KafkaTestClient.uniqueTopic("counts");
    String deadLetters = KafkaTestClient.uniqueTopic("dead");
    client.createTopic(input, 1);

    String longWord = "w" + "y".repeat(998);
    String oneMegabyte = (longWord + " ").repeat(1_050);
    List<byte[]> values = new ArrayList<>();
    values.add(utf8("good line one"));
    values.add(null); // null value
    values.add(new byte[0]); // empty
    values.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 'h', 'i'}); // not UTF-8
    values.add(utf8("!!! ... --- ??? ¿¡ «»")); // punctuation only
    values.add(utf8("x".repeat(100_000))); // one 100,000-character word
    values.add(
        utf8("\u0000\u0007hello\u001b[31mred\u001b[0m bell\u0007\r\n")); // control characters
    values.add(utf8(oneMegabyte)); // about 1 MB
    values.add(utf8("good line two"));
    assertThat(oneMegabyte.length()).isGreaterThan(1_048_576);
    client.produce(input, values);

    Map<String, Long> expected =
        new HashMap<>(
            Map.of(
                "good", 2L, "line", 2L, "one", 1L, "two", 1L, "hello", 1L, "31mred", 1L, "0m", 1L,
                "bell", 1L));
    expected.put(longWord, 1_050L);

    RunningJob job =
        StreamCount.start(
            StreamCountEndToEndIT.options(
                kafka, input, output, "--deadLetterTopic=" + deadLetters));
    try (CountsTable table = client.counts(output)) {
      table.awaitExactly(expected, Duration.ofSeconds(3), Duration.ofMinutes(3));
      assertThat(job.state().isTerminal()).as("still running").isFalse();
      assertThat(job.status().get(StreamCountMetrics.SKIPPED_RECORDS)).isEqualTo(2);
      assertThat(job.status().get(StreamCountMetrics.WORDS_TOO_LONG)).isEqualTo(1);
      assertThat(job.status().linesRead()).isEqualTo(7);

      List<ConsumerRecord<byte[], byte[]>> dead =
          client.readAll(deadLetters, Duration.ofSeconds(30));
      assertThat(dead).hasSize(2);
      assertThat(dead.get(0).value()).isNull();
      assertThat(
              new String(
                  dead.get(0).headers().lastHeader(DecodeLinesFn.REASON_HEADER).value(),
                  StandardCharsets.UTF_8))
          .isEqualTo("null value");
      assertThat(dead.get(1).value()).containsExactly((byte) 0xFF, (byte) 0xFE, 'h', 'i');
      assertThat(
              new String(
                  dead.get(1).headers().lastHeader(DecodeLinesFn.ORIGIN_HEADER).value(),
                  StandardCharsets.UTF_8))
          .isEqualTo(input + "/0/3");
    } finally {
      job.cancel(Duration.ofSeconds(30));
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
