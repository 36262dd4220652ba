package org.streamcount.pipeline;

import java.util.Map;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.kafka.clients.producer.Producer;

/**
 * KafkaIO's producers, made by the job's {@link KafkaClients} where the writer runs: one per
 * writer, or with {@link #growingTotals} the producer of the counts table.
 */
final class ProducerFactory<K, V>
    implements SerializableFunction<Map<String, Object>, Producer<K, V>> {
  private final KafkaClients clients;
  private final String totalsTopic;
  private final OutputFormat totalsFormat;
  private final String progressTopic;

  ProducerFactory(KafkaClients clients) {
    this(clients, null, null, null);
  }

  private ProducerFactory(
      KafkaClients clients, String totalsTopic, OutputFormat totalsFormat, String progressTopic) {
    this.clients = clients;
    this.totalsTopic = totalsTopic;
    this.totalsFormat = totalsFormat;
    this.progressTopic = progressTopic;
  }

  /**
   * The writers of the counts table: every writer of a JVM sends through one {@link
   * SharedProducer}, so records land in the order they were sent, and only totals that grow go out
   * ({@link GrowingTotalsProducer}), and a tracking job's progress to {@code progressTopic} (or
   * null) once the totals before it are acknowledged.
   */
  static ProducerFactory<String, byte[]> growingTotals(
      KafkaClients clients, String topic, OutputFormat format, String progressTopic) {
    return new ProducerFactory<>(clients, topic, format, progressTopic);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Producer<K, V> apply(Map<String, Object> settings) {
    if (totalsTopic == null) {
      return clients.newProducer(settings);
    }
    Producer<String, byte[]> shared = SharedProducer.acquire(settings, clients);
    return (Producer<K, V>)
        new GrowingTotalsProducer(
            shared,
            PublishedTotals.of(clients, totalsTopic, totalsFormat, PublishedTotals.LOAD_TIMEOUT),
            totalsFormat,
            progressTopic);
  }
}
