package org.streamcount.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.streamcount.kafka.KafkaTopics;

/** Plain Kafka clients for tests: create topics, produce raw values, read a topic back. */
final class KafkaTestClient {
  /** "bootstrap/topic" of the topics known to take records (tests run two at a time). */
  private static final Set<String> READY = ConcurrentHashMap.newKeySet();

  private final String bootstrap;

  KafkaTestClient(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  static String uniqueTopic(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  void createTopic(String topic, int partitions) throws Exception {
    createTopic(topic, partitions, Map.of());
  }

  void createTopic(String topic, int partitions, Map<String, String> configs) throws Exception {
    try (Admin admin = admin()) {
      NewTopic created = new NewTopic(topic, partitions, (short) 1).configs(configs);
      if (!KafkaTopics.createIfMissing(admin, created, Duration.ofSeconds(30))) {
        throw new IllegalStateException("topic " + topic + " exists already");
      }
      READY.add(bootstrap + "/" + topic);
    }
  }

  void produceLines(String topic, List<String> lines) throws Exception {
    List<byte[]> values = new ArrayList<>(lines.size());
    for (String line : lines) {
      values.add(line.getBytes(StandardCharsets.UTF_8));
    }
    produce(topic, values);
  }

  /**
   * Waits until consumer group {@code group}'s committed offsets equal {@code expected} (at most 30
   * s) and returns them as they are then, committed metadata included.
   */
  Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> awaitGroupOffsets(
      String group, Map<TopicPartition, Long> expected) throws Exception {
    try (Admin admin = admin()) {
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
      while (true) {
        Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
        committed.forEach((tp, o) -> offsets.put(tp, o.offset()));
        if (offsets.equals(expected) || System.nanoTime() > deadline) {
          return committed;
        }
        Thread.sleep(200);
      }
    }
  }

  /** Lines with their event time (epoch millis) as the record timestamp, acknowledged. */
  void produceLinesAt(String topic, List<Map.Entry<String, Long>> linesAndTimes) throws Exception {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(linesAndTimes.size());
    for (Map.Entry<String, Long> line : linesAndTimes) {
      records.add(
          new ProducerRecord<>(
              topic, null, line.getValue(), null, line.getKey().getBytes(StandardCharsets.UTF_8)));
    }
    send(records);
  }

  /** Sends every value (null allowed) and waits until the broker acknowledged all of them. */
  void produce(String topic, List<byte[]> values) throws Exception {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(values.size());
    for (byte[] value : values) {
      records.add(new ProducerRecord<>(topic, value));
    }
    send(records);
  }

  /** Count updates as the pipeline writes them: key the word, value the total as an 8-byte long. */
  void produceTotals(String topic, List<Map.Entry<String, Long>> totals) throws Exception {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(totals.size());
    for (Map.Entry<String, Long> t : totals) {
      records.add(
          new ProducerRecord<>(
              topic,
              t.getKey().getBytes(StandardCharsets.UTF_8),
              OutputFormat.LONG.encode(t.getKey(), t.getValue())));
    }
    send(records);
  }

  /**
   * What retention does: the records of {@code topic}-{@code partition} before {@code offset} are
   * gone.
   */
  void deleteBefore(String topic, int partition, long offset) throws Exception {
    try (Admin admin = admin()) {
      admin
          .deleteRecords(
              Map.of(new TopicPartition(topic, partition), RecordsToDelete.beforeOffset(offset)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  /** One record with a key, whatever its value. */
  void produceRecord(String topic, String key, byte[] value) throws Exception {
    send(List.of(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)));
  }

  /** Deletes {@code word} from a compacted table, as a user with a producer could. */
  void produceTombstone(String topic, String word) throws Exception {
    produceRecord(topic, word, null);
  }

  private void send(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrap);
    p.setProperty("acks", "all");
    p.setProperty("linger.ms", "5");
    p.setProperty("max.request.size", String.valueOf(4 * 1024 * 1024));
    try (var producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
      Map<String, Integer> partitions = new HashMap<>();
      int next = 0;
      for (String topic : records.stream().map(ProducerRecord::topic).distinct().toList()) {
        awaitReady(topic);
      }
      for (ProducerRecord<byte[], byte[]> record : records) {
        int of = partitions.computeIfAbsent(record.topic(), t -> producer.partitionsFor(t).size());
        acks.add(producer.send(spread(record, next++, of)));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get(60, TimeUnit.SECONDS);
      }
    }
  }

  private Admin admin() {
    return Admin.create(Map.of("bootstrap.servers", bootstrap));
  }

  /**
   * A topic this client did not create (the broker creates it at the first send) is created here
   * first, ready for records: see {@link KafkaTopics#createIfMissing} for what an early send loses.
   */
  private void awaitReady(String topic) throws InterruptedException {
    if (READY.contains(bootstrap + "/" + topic)) {
      return;
    }
    try (Admin admin = admin()) {
      KafkaTopics.createIfMissing(
          admin, new NewTopic(topic, Optional.empty(), Optional.empty()), Duration.ofSeconds(30));
    }
    READY.add(bootstrap + "/" + topic);
  }

  /**
   * A record without key or partition goes to partition {@code n} modulo the topic's {@code
   * partitions}. The producer's own choice skips partitions whose leader it does not know yet,
   * which right after a topic is created on a busy machine put every line of a two-partition input
   * in one partition.
   */
  private static ProducerRecord<byte[], byte[]> spread(
      ProducerRecord<byte[], byte[]> record, int n, int partitions) {
    if (record.key() != null || record.partition() != null) {
      return record;
    }
    return new ProducerRecord<>(
        record.topic(), n % partitions, record.timestamp(), null, record.value(), record.headers());
  }

  /** Every record of every partition of {@code topic}, from the beginning to the current end. */
  List<ConsumerRecord<byte[], byte[]>> readAll(String topic, Duration timeout) {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrap);
    try (var consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end within " + timeout);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /** Word -> latest count, reading a {@code --outputFormat=long} output topic. */
  CountsTable counts(String topic) {
    return new CountsTable(bootstrap, topic);
  }

  static Map<String, Long> reference(List<String> lines) {
    Map<String, Long> counts = new HashMap<>();
    for (String line : lines) {
      for (String word : line.split(" ")) {
        if (!word.isEmpty()) {
          counts.merge(word, 1L, Long::sum);
        }
      }
    }
    return counts;
  }
}
