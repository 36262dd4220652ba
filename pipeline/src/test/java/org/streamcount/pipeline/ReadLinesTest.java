package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.options.ExperimentalOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class ReadLinesTest {
  private static final long KAFKA_IO_DEFAULT_POLL_SECONDS =
      KafkaIO.<byte[], byte[]>read().getConsumerPollingTimeout();

  private static KafkaIO.Read<byte[], byte[]> read(long readLimit, String... experiments) {
    PipelineOptions options = PipelineOptionsFactory.create();
    for (String experiment : experiments) {
      ExperimentalOptions.addExperiment(options.as(ExperimentalOptions.class), experiment);
    }
    return new ReadLines(
            KafkaClientConfig.of("127.0.0.1:9092"),
            List.of("lines"),
            StartFrom.RESUME,
            Map.of(),
            null,
            readLimit,
            false,
            Duration.ofSeconds(30))
        .kafkaRead(options);
  }

  @Test
  void theSplittableReadPollsForOneSecondAtATime() {
    assertThat(read(Long.MAX_VALUE, KafkaReadMode.SDF_EXPERIMENT).getConsumerPollingTimeout())
        .isEqualTo(ReadLines.SDF_POLL_SECONDS)
        .isLessThan(KAFKA_IO_DEFAULT_POLL_SECONDS);
  }

  @Test
  void theSplittableReadsPollsEndSoon() {
    KafkaIO.Read<byte[], byte[]> read = read(Long.MAX_VALUE, KafkaReadMode.SDF_EXPERIMENT);
    assertThat(((ConsumerFactory) read.getConsumerFactoryFn()).longestPoll())
        .isEqualTo(ReadLines.SDF_LONGEST_POLL)
        .isLessThan(Duration.ofSeconds(ReadLines.SDF_POLL_SECONDS));
    assertThat(read.getConsumerConfig())
        .containsEntry(
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) ReadLines.SDF_LONGEST_POLL.toMillis());
  }

  @Test
  void theLegacyReadKeepsKafkaIosSettings() {
    // KafkaIO refuses a polling timeout on its legacy read (Spark's), and on a bounded one
    assertThat(read(Long.MAX_VALUE).getConsumerPollingTimeout())
        .isEqualTo(KAFKA_IO_DEFAULT_POLL_SECONDS);
    assertThat(read(100, KafkaReadMode.SDF_EXPERIMENT).getConsumerPollingTimeout())
        .isEqualTo(KAFKA_IO_DEFAULT_POLL_SECONDS);
    for (KafkaIO.Read<byte[], byte[]> read :
        List.of(read(Long.MAX_VALUE), read(100, KafkaReadMode.SDF_EXPERIMENT))) {
      assertThat(((ConsumerFactory) read.getConsumerFactoryFn()).longestPoll()).isNull();
      assertThat(read.getConsumerConfig())
          .doesNotContainKey(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
    }
  }
}
