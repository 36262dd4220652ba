package org.streamcount.pipeline;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * KafkaIO's consumers, made by the job's {@link KafkaClients} where the reader runs, placed at the
 * run's start offsets when it has them (KafkaIO reads from a consumer's position unless its own
 * checkpoint says otherwise), their polls no longer than {@code longestPoll} when it is set.
 */
final class ConsumerFactory
    implements SerializableFunction<Map<String, Object>, Consumer<byte[], byte[]>> {
  private final KafkaClients clients;
  private final HashMap<String, Long> startAt;
  private final Duration longestPoll;

  ConsumerFactory(KafkaClients clients, Map<String, Long> startAt, Duration longestPoll) {
    this.clients = clients;
    this.startAt = new HashMap<>(startAt);
    this.longestPoll = longestPoll;
  }

  /** The longest one poll of its consumers may wait, or null: as long as KafkaIO asks. */
  Duration longestPoll() {
    return longestPoll;
  }

  @Override
  public Consumer<byte[], byte[]> apply(Map<String, Object> settings) {
    return clients.newConsumer(settings, startAt, longestPoll);
  }
}
