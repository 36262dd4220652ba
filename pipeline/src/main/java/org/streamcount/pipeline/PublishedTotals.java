package org.streamcount.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The highest total already published per word: what the output topic held when this JVM first
 * needed it, then every total this JVM published. One instance per output topic per JVM, shared
 * by every {@link ToOutputRecords} instance in it.
 */
final class PublishedTotals {
  private static final Logger LOG = LoggerFactory.getLogger(PublishedTotals.class);
  private static final Map<String, PublishedTotals> PER_TOPIC = new ConcurrentHashMap<>();

  private final ConcurrentHashMap<String, Long> highest;

  private PublishedTotals(Map<String, Long> loaded) {
    this.highest = new ConcurrentHashMap<>(loaded);
  }

  /** Loads the output topic once per JVM (bounded by {@code timeout}) and shares it. */
  static PublishedTotals of(KafkaClientConfig kafka, String topic, OutputFormat format, Duration timeout) {
    return PER_TOPIC.computeIfAbsent(kafka.bootstrapServers() + "/" + topic,
        key -> new PublishedTotals(load(kafka, topic, format, timeout)));
  }

  /**
   * Records {@code total} for {@code word} if it is higher than every total published before.
   *
   * @return false for a total that is stale (lower) or already published (equal)
   */
  boolean advance(String word, long total) {
    boolean[] higher = {false};
    highest.compute(word, (w, published) -> {
      if (published == null || total > published) {
        higher[0] = true;
        return total;
      }
      return published;
    });
    return higher[0];
  }

  /** Every record of the topic up to its end when called: the latest value per word is its total. */
  static Map<String, Long> load(KafkaClientConfig kafka, String topic, OutputFormat format, Duration timeout) {
    Map<String, Object> config = new HashMap<>(kafka.withSecrets(kafka.consumer(Map.of())));
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    Map<String, Long> totals = new HashMap<>();
    long started = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read the published totals of " + topic + " within " + timeout.toSeconds() + " s");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.key() == null || r.value() == null || r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
            continue;
          }
          try {
            totals.merge(new String(r.key(), StandardCharsets.UTF_8), format.decode(r.value()), Math::max);
          } catch (IllegalArgumentException notOurs) {
            // a record some other producer wrote: it says nothing about our totals
          }
        }
      }
    }
    if (!totals.isEmpty()) {
      LOG.info("{} already holds totals for {} words (read in {} ms): lower or equal totals are not published again",
          topic, totals.size(), (System.nanoTime() - started) / 1_000_000);
    }
    return totals;
  }
}
