package org.streamcount.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produce-to-output latency of a running pipeline: one line with a fresh marker word at a time,
 * timed from the moment the broker acknowledged it to the first output record for that word.
 * Informative numbers for the notes; the benchmark measures latency properly.
 */
final class LatencyProbe {
  private LatencyProbe() {}

  /**
   * @return latencies in milliseconds, sorted
   */
  static List<Long> measure(String bootstrap, String input, String output, int samples)
      throws Exception {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrap);
    List<Long> latencies = new ArrayList<>();
    try (var producer =
            new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        var consumer =
            new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(output, Duration.ofSeconds(10)).stream()
              .map(i -> new TopicPartition(output, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      for (int i = 0; i < samples; i++) {
        String marker = "marker" + UUID.randomUUID().toString().replace("-", "");
        producer.send(new ProducerRecord<>(input, marker.getBytes(StandardCharsets.UTF_8))).get();
        long sent = System.nanoTime();
        long deadline = sent + Duration.ofSeconds(20).toNanos();
        boolean seen = false;
        while (!seen && System.nanoTime() < deadline) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
            if (marker.equals(new String(r.key(), StandardCharsets.UTF_8))) {
              seen = true;
            }
          }
        }
        if (seen) {
          latencies.add((System.nanoTime() - sent) / 1_000_000);
        }
      }
    }
    Collections.sort(latencies);
    return latencies;
  }

  static String describe(List<Long> sorted) {
    if (sorted.isEmpty()) {
      return "no marker came back";
    }
    return String.format(
        "p50 %d ms, max %d ms over %d samples",
        sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size());
  }
}
