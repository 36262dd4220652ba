package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.junit.jupiter.api.Test;

class OutputFormatTest {

  @Test
  void longIsExactlyKafkasLongSerializer() {
    try (LongSerializer kafka = new LongSerializer();
        LongDeserializer back = new LongDeserializer()) {
      for (long n : new long[] {0, 1, 3, 255, 256, 1L << 40, Long.MAX_VALUE}) {
        byte[] ours = OutputFormat.LONG.encode("w", n);
        assertThat(ours).hasSize(8).isEqualTo(kafka.serialize("t", n));
        assertThat(back.deserialize("t", ours)).isEqualTo(n);
      }
    }
  }

  @Test
  void stringIsDecimalText() {
    assertThat(new String(OutputFormat.STRING.encode("kafka", 1234567), StandardCharsets.UTF_8))
        .isEqualTo("1234567");
  }

  @Test
  void jsonEscapesTheWord() {
    assertThat(new String(OutputFormat.JSON.encode("kafka", 3), StandardCharsets.UTF_8))
        .isEqualTo("{\"word\":\"kafka\",\"count\":3}");
    assertThat(new String(OutputFormat.JSON.encode("say \"hi\"\n", 1), StandardCharsets.UTF_8))
        .isEqualTo("{\"word\":\"say \\\"hi\\\"\\n\",\"count\":1}");
  }

  @Test
  void parsesCaseInsensitivelyAndNamesTheChoices() {
    assertThat(OutputFormat.parse("JSON")).isEqualTo(OutputFormat.JSON);
    assertThat(OutputFormat.parse("long")).isEqualTo(OutputFormat.LONG);
    assertThatThrownBy(() -> OutputFormat.parse("avro"))
        .hasMessage("--outputFormat must be one of long, string, json, got 'avro'");
  }

  /** The bound the launch checks an output topic's max.message.bytes against holds its records. */
  @Test
  void noRecordIsLargerThanTheLargestRecordBytes() {
    int n = 1_000;
    for (String c : new String[] {"a", "é", "€", "\u0001", "\"", "😀"}) {
      String word = c.repeat(n / c.length());
      for (OutputFormat format : OutputFormat.values()) {
        int bytes =
            word.getBytes(StandardCharsets.UTF_8).length
                + format.encode(word, Long.MIN_VALUE).length;
        assertThat(bytes + 64)
            .as("%s, a word of %d x %s", format, n, c)
            .isLessThanOrEqualTo(format.largestRecordBytes(n));
      }
    }
  }

  @Test
  void aWindowedJsonValueCarriesTheWordAndItsWindow() {
    EventTimeWindows minute = EventTimeWindows.fixed(java.time.Duration.ofMinutes(1));
    String key =
        EventTimeWindows.key(
            "kafka", java.time.Instant.parse("2019-10-01T09:00:00Z").toEpochMilli());
    byte[] value = OutputFormat.JSON.encode(key, 3, minute, true);
    assertThat(new String(value, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"word\":\"kafka\",\"count\":3,\"window_start\":\"2019-10-01T09:00:00Z\","
                + "\"window_end\":\"2019-10-01T09:01:00Z\",\"final\":true}");
    assertThat(OutputFormat.JSON.decode(value)).isEqualTo(3);
    assertThat(new String(OutputFormat.JSON.encode(key, 4, minute, false), StandardCharsets.UTF_8))
        .endsWith(",\"final\":false}");
    assertThat(OutputFormat.LONG.encode(key, 3, minute, true)).hasSize(8);
    int bytes = key.getBytes(StandardCharsets.UTF_8).length + value.length;
    assertThat(bytes + 64).isLessThanOrEqualTo(OutputFormat.JSON.largestRecordBytes(5));
  }
}
