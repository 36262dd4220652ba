package org.streamcount.pipeline;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the job's Kafka clients come from. The job graph holds one, so it is serializable and holds
 * no secret: {@link KafkaClientConfig} (a real broker) carries the client file's path and adds the
 * secrets when a client is made. The in-memory topology tests hand in Kafka's {@code MockConsumer}
 * and {@code MockProducer} through this, as Beam's own KafkaIO tests do.
 */
public interface KafkaClients extends Serializable {
  String bootstrapServers();

  /** Settings for a consumer: {@code ours}, then the user's (no secrets: KafkaIO shows them). */
  Map<String, Object> consumerSettings(Map<String, Object> ours);

  /** Settings for a producer: {@code ours}, then the user's (no secrets: KafkaIO shows them). */
  Map<String, Object> producerSettings(Map<String, Object> ours);

  /**
   * A consumer of raw records, made from {@code settings} where it will run. Assigned a partition
   * named in {@code startAt} ({@link Coverage#partitionName}), it is placed at that offset (see
   * {@link #placeAtStart}); a reader that goes on from its own checkpoint moves on from there.
   *
   * @param longestPoll the longest one poll may wait, however long its caller asks; null: as long
   *     as the caller asks
   */
  Consumer<byte[], byte[]> newConsumer(
      Map<String, Object> settings, Map<String, Long> startAt, Duration longestPoll);

  /** What a consumer of {@link #newConsumer} does when it is assigned {@code partitions}. */
  static void placeAtStart(
      Consumer<?, ?> consumer, Collection<TopicPartition> partitions, Map<String, Long> startAt) {
    for (TopicPartition tp : partitions) {
      Long offset = startAt.get(Coverage.partitionName(tp.topic(), tp.partition()));
      if (offset != null) {
        consumer.seek(tp, offset);
      }
    }
  }

  /** A producer, made from {@code settings} (serializers included) where it will run. */
  <K, V> Producer<K, V> newProducer(Map<String, Object> settings);

  /**
   * The counts table as the output topic holds it now: the latest total per word.
   *
   * @throws IllegalStateException when it cannot be read within {@code timeout}
   */
  Map<String, Long> readTable(String topic, OutputFormat format, Duration timeout);
}
