package org.streamcount.pipeline;

import java.util.Map;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * KafkaIO's producers, made with the secrets that were kept out of the transform's config: one
 * per writer, or with {@link #sharedPerJvm} one {@link SharedProducer} for all writers in a JVM.
 */
final class ProducerFactory<K, V> implements SerializableFunction<Map<String, Object>, Producer<K, V>> {
  private final KafkaClientConfig kafka;
  private final boolean shared;

  ProducerFactory(KafkaClientConfig kafka) {
    this(kafka, false);
  }

  private ProducerFactory(KafkaClientConfig kafka, boolean shared) {
    this.kafka = kafka;
    this.shared = shared;
  }

  /** Every writer of a JVM sends through one producer, so records land in the order they were sent. */
  static <K, V> ProducerFactory<K, V> sharedPerJvm(KafkaClientConfig kafka) {
    return new ProducerFactory<>(kafka, true);
  }

  @Override
  public Producer<K, V> apply(Map<String, Object> config) {
    Map<String, Object> withSecrets = kafka.withSecrets(config);
    return shared ? SharedProducer.acquire(withSecrets) : new KafkaProducer<>(withSecrets);
  }
}
