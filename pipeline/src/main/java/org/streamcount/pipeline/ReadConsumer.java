package org.streamcount.pipeline;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer KafkaIO reads the job's lines with: placed at the run's start offsets when it is
 * assigned their partitions, and, when asked, never waiting in one poll for longer than {@code
 * longestPoll}. Kafka's own poll may already return empty before its timeout (past the control
 * records of transactions), so a reader must take an early empty poll as "nothing yet".
 */
final class ReadConsumer extends KafkaConsumer<byte[], byte[]> {
  private final Map<String, Long> startAt;
  private final Duration longestPoll;

  /**
   * @param startAt partition ({@link Coverage#partitionName}) -> offset to start at
   * @param longestPoll the longest wait of one poll, or null: as long as the caller asks
   */
  ReadConsumer(Map<String, Object> settings, Map<String, Long> startAt, Duration longestPoll) {
    super(settings);
    this.startAt = startAt;
    this.longestPoll = longestPoll;
  }

  @Override
  public void assign(Collection<TopicPartition> partitions) {
    super.assign(partitions);
    KafkaClients.placeAtStart(this, partitions, startAt);
  }

  @Override
  public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
    if (longestPoll != null && timeout.compareTo(longestPoll) > 0) {
      return super.poll(longestPoll);
    }
    return super.poll(timeout);
  }
}
