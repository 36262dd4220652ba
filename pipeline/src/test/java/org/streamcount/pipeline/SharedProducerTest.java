package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SharedProducerTest {
  private static final KafkaClients CLIENTS = KafkaClientConfig.of("127.0.0.1:1");
  private static final Map<String, Object> CONFIG =
      Map.of(
          "bootstrap.servers",
          "127.0.0.1:1",
          "key.serializer",
          StringSerializer.class,
          "value.serializer",
          StringSerializer.class,
          "client.id",
          "shared-producer-test");

  @Test
  void writersOfOneJvmShareOneProducerUntilTheLastClosesIt() {
    Producer<String, String> first = SharedProducer.acquire(CONFIG, CLIENTS);
    Producer<String, String> second = SharedProducer.acquire(Map.copyOf(CONFIG), CLIENTS);
    assertThat(SharedProducer.users(CONFIG)).isEqualTo(2);
    first.close(Duration.ofSeconds(1));
    first.close(Duration.ofSeconds(1)); // a second close of the same writer releases nothing more
    assertThat(SharedProducer.users(CONFIG)).isEqualTo(1);
    second.close(Duration.ofSeconds(1));
    assertThat(SharedProducer.users(CONFIG)).isZero();
  }

  @Test
  void aSharedProducerIsNotTransactional() {
    Producer<String, String> producer = SharedProducer.acquire(CONFIG, CLIENTS);
    try {
      assertThatThrownBy(producer::initTransactions)
          .isInstanceOf(UnsupportedOperationException.class);
    } finally {
      producer.close(Duration.ofSeconds(1));
    }
  }
}
