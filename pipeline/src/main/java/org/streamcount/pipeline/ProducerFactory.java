package org.streamcount.pipeline;

import java.util.Map;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/** KafkaIO's producers, made with the secrets that were kept out of the transform's config. */
final class ProducerFactory<K, V> implements SerializableFunction<Map<String, Object>, Producer<K, V>> {
  private final KafkaClientConfig kafka;

  ProducerFactory(KafkaClientConfig kafka) {
    this.kafka = kafka;
  }

  @Override
  public Producer<K, V> apply(Map<String, Object> config) {
    return new KafkaProducer<>(kafka.withSecrets(config));
  }
}
