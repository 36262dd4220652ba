package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReadConsumerTest {
  private static final Map<String, Object> NO_BROKER =
      Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);

  /** Asked for an hour, with nothing to read: it comes back, empty, long before. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aPollWaitsNoLongerThanItsLongest() {
    try (ReadConsumer consumer = new ReadConsumer(NO_BROKER, Map.of(), Duration.ofMillis(100))) {
      consumer.assign(List.of(new TopicPartition("lines", 0)));
      assertThat(consumer.poll(Duration.ofHours(1))).isEmpty();
    }
  }
}
