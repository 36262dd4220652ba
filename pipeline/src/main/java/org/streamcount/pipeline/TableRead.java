package org.streamcount.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reading topics outside the pipeline: every record of some partitions up to the end they had when
 * the read began (the table when a job starts, the input {@code bin/counts verify} recounts), and
 * one table record applied to a word -> count map.
 */
public final class TableRead {
  private static final Duration POLL = Duration.ofMillis(200);

  private TableRead() {}

  /**
   * Hands {@code each} every record of {@code partitions}, from their beginning up to their end
   * offsets as they are now.
   *
   * @return false when {@code deadlineNanos} (System.nanoTime) passed before the end
   */
  public static boolean toEnd(
      KafkaConsumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions,
      Duration timeout,
      long deadlineNanos,
      Consumer<ConsumerRecord<byte[], byte[]>> each) {
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
      if (System.nanoTime() > deadlineNanos) {
        return false;
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
          each.accept(r);
        }
      }
    }
    return true;
  }

  /**
   * Hands {@code each} every record of {@code topic}, up to its end when called.
   *
   * @throws IllegalStateException when that takes longer than {@code timeout}
   */
  public static void wholeTopic(
      KafkaClientConfig kafka,
      String topic,
      Duration timeout,
      Consumer<ConsumerRecord<byte[], byte[]>> each) {
    long started = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer = kafka.standaloneConsumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      if (!toEnd(consumer, partitions, timeout, started + timeout.toNanos(), each)) {
        throw new IllegalStateException(
            "could not read " + topic + " within " + timeout.toSeconds() + " s");
      }
    }
  }

  /**
   * One record of a counts table applied to {@code table}: a tombstone deletes the word, a count is
   * merged in with {@code merge} (the latest wins, or the highest).
   *
   * @return false for a record that holds no count in {@code format} (left out)
   */
  public static boolean apply(
      ConsumerRecord<byte[], byte[]> r,
      OutputFormat format,
      Map<String, Long> table,
      BinaryOperator<Long> merge) {
    if (r.key() == null) {
      return true;
    }
    String word = new String(r.key(), StandardCharsets.UTF_8);
    if (r.value() == null) {
      table.remove(word);
      return true;
    }
    long count;
    try {
      count = format.decode(r.value());
    } catch (IllegalArgumentException notACount) {
      return false;
    }
    table.merge(word, count, merge);
    return true;
  }
}
