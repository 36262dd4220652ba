package org.streamcount.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The benchmark's upper bound: no framework at all. One consumer reads every partition, a HashMap
 * counts, and after each poll one record per changed word goes out with its total. No fault
 * tolerance, no state beyond memory: the speed limit of this machine and broker.
 *
 * <pre>PlainConsumerCount BOOTSTRAP INPUT_TOPIC OUTPUT_TOPIC</pre>
 */
public final class PlainConsumerCount {
  private PlainConsumerCount() {}

  public static void main(String[] args) {
    String bootstrap = args[0];
    String input = args[1];
    String output = args[2];
    Properties c = new Properties();
    c.setProperty("bootstrap.servers", bootstrap);
    c.setProperty("max.poll.records", "10000");
    c.setProperty("fetch.max.bytes", String.valueOf(64 * 1024 * 1024));
    c.setProperty("max.partition.fetch.bytes", String.valueOf(16 * 1024 * 1024));
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrap);
    p.setProperty("linger.ms", "5");
    p.setProperty("batch.size", String.valueOf(256 * 1024));
    Map<String, long[]> counts = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<String, Long> producer =
            new KafkaProducer<>(p, new StringSerializer(), new LongSerializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(input, Duration.ofSeconds(30)).stream()
              .map(i -> new TopicPartition(input, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Set<String> changed = new HashSet<>();
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          if (r.value() == null) {
            continue;
          }
          String line = new String(r.value(), StandardCharsets.UTF_8);
          int start = 0;
          for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ' ') {
              if (i > start) {
                String word = line.substring(start, i);
                counts.computeIfAbsent(word, w -> new long[1])[0]++;
                changed.add(word);
              }
              start = i + 1;
            }
          }
        }
        for (String word : changed) {
          producer.send(new ProducerRecord<>(output, word, counts.get(word)[0]));
        }
        changed.clear();
      }
    }
  }
}
