package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The output topic as a table, read like any consumer would: every update from the beginning.
 * Besides the latest count per word it checks, for every single update, that a word's count never
 * goes down and never exceeds the reference: a stale or doubled count fails right there.
 */
final class CountsTable implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final OutputFormat format;
  private boolean assigned;
  private final Map<String, Long> latest = new HashMap<>();
  private long updates;
  private long lastChangeNanos = System.nanoTime();

  /** The topic need not exist yet: the pipeline creates it (compacted) when it starts. */
  CountsTable(String bootstrap, String topic) {
    this(bootstrap, topic, OutputFormat.LONG);
  }

  /** A table written with {@code --outputFormat=format}. */
  CountsTable(String bootstrap, String topic, OutputFormat format) {
    this.format = format;
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrap);
    p.setProperty("allow.auto.create.topics", "false");
    this.topic = topic;
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private List<ConsumerRecord<byte[], byte[]>> pollOnce() {
    if (!assigned) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      if (partitions.isEmpty()) {
        sleep();
        return List.of();
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      assigned = true;
    }
    List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    return records;
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Reads until the table equals {@code expected} and no update arrived for {@code quiet} (a late
   * doubled update would show up in that time), or fails at {@code timeout}.
   */
  Map<String, Long> awaitExactly(Map<String, Long> expected, Duration quiet, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      poll(expected);
      boolean settled = System.nanoTime() - lastChangeNanos > quiet.toNanos();
      if (latest.equals(expected) && settled) {
        return Map.copyOf(latest);
      }
    }
    assertThat(new TreeMap<>(latest))
        .as("output table after %s (%d updates read)", timeout, updates)
        .isEqualTo(new TreeMap<>(expected));
    throw new AssertionError("the table equals the reference but kept changing");
  }

  private void poll(Map<String, Long> expected) {
    for (ConsumerRecord<byte[], byte[]> r : pollOnce()) {
      String word = new String(r.key(), StandardCharsets.UTF_8);
      if (r.value() == null) {
        latest.remove(word); // a tombstone (--resetTable): the word's next total starts over
        updates++;
        lastChangeNanos = System.nanoTime();
        continue;
      }
      long count = format.decode(r.value());
      Long previous = latest.put(word, count);
      updates++;
      lastChangeNanos = System.nanoTime();
      assertThat(count)
          .as("update of '%s' went backwards (stale)", word)
          .isGreaterThanOrEqualTo(previous == null ? 1 : previous);
      assertThat(count)
          .as("update of '%s' exceeds the reference (doubled)", word)
          .isLessThanOrEqualTo(expected.getOrDefault(word, 0L));
    }
  }

  /**
   * Reads until at least {@code atLeast} updates arrived (without a reference, so no per-update
   * bounds), for tests that must act while the pipeline is still busy.
   */
  long awaitUpdates(long atLeast, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (updates < atLeast && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : pollOnce()) {
        Long previous =
            latest.put(new String(r.key(), StandardCharsets.UTF_8), format.decode(r.value()));
        updates++;
        lastChangeNanos = System.nanoTime();
        assertThat(latest.get(new String(r.key(), StandardCharsets.UTF_8)))
            .isGreaterThanOrEqualTo(previous == null ? 1 : previous);
      }
    }
    assertThat(updates).as("updates within %s", timeout).isGreaterThanOrEqualTo(atLeast);
    return updates;
  }

  /**
   * Reads what arrives within {@code duration}, checking only that no total goes down, and returns
   * the table: for tests that need to see where the job is before they know the reference.
   */
  Map<String, Long> readFor(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    do {
      for (ConsumerRecord<byte[], byte[]> r : pollOnce()) {
        String word = new String(r.key(), StandardCharsets.UTF_8);
        Long previous =
            r.value() == null ? latest.remove(word) : latest.put(word, format.decode(r.value()));
        updates++;
        lastChangeNanos = System.nanoTime();
        if (r.value() != null) {
          assertThat(latest.get(word))
              .as("update of '%s' went backwards (stale)", word)
              .isGreaterThanOrEqualTo(previous == null ? 1 : previous);
        }
      }
    } while (System.nanoTime() < until);
    return Map.copyOf(latest);
  }

  long updates() {
    return updates;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
