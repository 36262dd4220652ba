package org.streamcount.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The job's {@link KafkaClients} on Kafka's own mocks, as Beam's KafkaIO tests do: every consumer
 * is a {@link MockConsumer} holding the input records given here (one partition per topic), every
 * producer a {@link MockProducer} that completes its sends at once, and the counts table at start
 * is a map. What this object holds is found by its id, because the runner serializes the clients
 * into the job graph and uses copies.
 */
final class InMemoryKafka implements KafkaClients {
  private static final Map<String, Contents> BY_ID = new ConcurrentHashMap<>();

  private static final class Contents {
    final Map<String, List<byte[]>> input = new ConcurrentHashMap<>();
    final List<MockProducer<?, ?>> producers = new ArrayList<>();
    volatile Map<String, Long> table = Map.of();
  }

  private final String id = "in-memory-" + UUID.randomUUID();

  InMemoryKafka() {
    BY_ID.put(id, new Contents());
  }

  private Contents contents() {
    return BY_ID.get(id);
  }

  /** Lines on {@code topic}, after those already there. */
  InMemoryKafka lines(String topic, String... lines) {
    for (String line : lines) {
      record(topic, line.getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  /** One raw record value on {@code topic}. */
  InMemoryKafka record(String topic, byte[] value) {
    contents().input.computeIfAbsent(topic, t -> new ArrayList<>()).add(value);
    return this;
  }

  /** How many records {@code topic} holds. */
  long recordsOn(String topic) {
    return contents().input.getOrDefault(topic, List.of()).size();
  }

  /** What the output topic holds when the job starts. */
  InMemoryKafka table(Map<String, Long> table) {
    contents().table = Map.copyOf(table);
    return this;
  }

  /** Every record sent to {@code topic}, in the order of the sends. */
  List<ProducerRecord<?, ?>> sent(String topic) {
    List<ProducerRecord<?, ?>> sent = new ArrayList<>();
    synchronized (contents().producers) {
      for (MockProducer<?, ?> producer : contents().producers) {
        producer.history().stream().filter(r -> r.topic().equals(topic)).forEach(sent::add);
      }
    }
    return sent;
  }

  @Override
  public String bootstrapServers() {
    return id;
  }

  @Override
  public Map<String, Object> consumerSettings(Map<String, Object> ours) {
    return new HashMap<>(ours);
  }

  @Override
  public Map<String, Object> producerSettings(Map<String, Object> ours) {
    return new HashMap<>(ours);
  }

  @Override
  public Consumer<byte[], byte[]> newConsumer(
      Map<String, Object> settings, Map<String, Long> startAt, Duration longestPoll) {
    Map<String, List<byte[]>> input = contents().input;
    MockConsumer<byte[], byte[]> consumer =
        new MockConsumer<>(OffsetResetStrategy.EARLIEST) {
          @Override
          public synchronized void assign(Collection<TopicPartition> partitions) {
            super.assign(partitions);
            // MockConsumer takes records for assigned partitions only
            for (TopicPartition tp : partitions) {
              List<byte[]> values = input.getOrDefault(tp.topic(), List.of());
              for (int offset = 0; offset < values.size(); offset++) {
                addRecord(new ConsumerRecord<>(tp.topic(), 0, offset, null, values.get(offset)));
              }
            }
            KafkaClients.placeAtStart(this, partitions, startAt);
          }
        };
    Map<TopicPartition, Long> begin = new HashMap<>();
    Map<TopicPartition, Long> end = new HashMap<>();
    input.forEach(
        (topic, values) -> {
          consumer.updatePartitions(topic, List.of(new PartitionInfo(topic, 0, null, null, null)));
          begin.put(new TopicPartition(topic, 0), 0L);
          end.put(new TopicPartition(topic, 0), (long) values.size());
        });
    consumer.updateBeginningOffsets(begin);
    consumer.updateEndOffsets(end);
    return consumer;
  }

  @Override
  public <K, V> Producer<K, V> newProducer(Map<String, Object> settings) {
    MockProducer<K, V> producer =
        new MockProducer<>(
            true,
            serializer(settings.get(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG)),
            serializer(settings.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)));
    synchronized (contents().producers) {
      contents().producers.add(producer);
    }
    return producer;
  }

  @Override
  public Map<String, Long> readTable(String topic, OutputFormat format, Duration timeout) {
    return contents().table;
  }

  @SuppressWarnings("unchecked")
  private static <T> Serializer<T> serializer(Object configured) {
    try {
      Class<?> type =
          configured instanceof Class<?> c ? c : Class.forName(String.valueOf(configured));
      return (Serializer<T>) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("no serializer " + configured, e);
    }
  }
}
