package org.streamcount.pipeline;

import java.util.Map;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** KafkaIO's consumers, made with the secrets that were kept out of the transform's config. */
final class ConsumerFactory
    implements SerializableFunction<Map<String, Object>, Consumer<byte[], byte[]>> {
  private final KafkaClientConfig kafka;

  ConsumerFactory(KafkaClientConfig kafka) {
    this.kafka = kafka;
  }

  @Override
  public Consumer<byte[], byte[]> apply(Map<String, Object> config) {
    return new KafkaConsumer<>(kafka.withSecrets(config));
  }
}
