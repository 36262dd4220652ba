package org.streamcount.pipeline;

import java.util.Map;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * KafkaIO's producers, made with the secrets that were kept out of the transform's config: one per
 * writer, or with {@link #growingTotals} the producer of the counts table.
 */
final class ProducerFactory<K, V>
    implements SerializableFunction<Map<String, Object>, Producer<K, V>> {
  private final KafkaClientConfig kafka;
  private final String totalsTopic;
  private final OutputFormat totalsFormat;

  ProducerFactory(KafkaClientConfig kafka) {
    this(kafka, null, null);
  }

  private ProducerFactory(KafkaClientConfig kafka, String totalsTopic, OutputFormat totalsFormat) {
    this.kafka = kafka;
    this.totalsTopic = totalsTopic;
    this.totalsFormat = totalsFormat;
  }

  /**
   * The writers of the counts table: every writer of a JVM sends through one {@link
   * SharedProducer}, so records land in the order they were sent, and only totals that grow go out
   * ({@link GrowingTotalsProducer}).
   */
  static ProducerFactory<String, byte[]> growingTotals(
      KafkaClientConfig kafka, String topic, OutputFormat format) {
    return new ProducerFactory<>(kafka, topic, format);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Producer<K, V> apply(Map<String, Object> config) {
    Map<String, Object> withSecrets = kafka.withSecrets(config);
    if (totalsTopic == null) {
      return new KafkaProducer<>(withSecrets);
    }
    Producer<String, byte[]> shared = SharedProducer.acquire(withSecrets);
    return (Producer<K, V>)
        new GrowingTotalsProducer(
            shared,
            PublishedTotals.of(kafka, totalsTopic, totalsFormat, PublishedTotals.LOAD_TIMEOUT),
            totalsFormat);
  }
}
