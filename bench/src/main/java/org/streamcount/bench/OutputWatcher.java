package org.streamcount.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a system's output topic from the beginning, in its own thread, and knows at every moment
 * how far the table is from the reference: words still missing or wrong, first output time, the
 * moment it became exact, and when marker words (latency samples) first appeared.
 */
final class OutputWatcher implements AutoCloseable {
  /**
   * How a system writes its counts: WordCountDemo's LongSerializer and streamcount's default are 8
   * bytes big-endian, Structured Streaming's Kafka sink decimal text. Decoded here, not with the
   * pipeline's table reader: the bench is the oracle of every system's table, streamcount's
   * included, so it shares no code with what it checks (as the tests' CountsTable does not).
   */
  enum Encoding {
    LONG,
    STRING
  }

  private final String bootstrap;
  private final String topic;
  private final Encoding encoding;
  private final Map<String, Long> reference;
  private final Map<String, Long> table = new ConcurrentHashMap<>();
  private final Map<String, Long> firstSeenNanos = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean stop;
  private volatile int wrongWords;
  private volatile long countedWords;
  private volatile long firstOutputNanos = -1;
  private volatile long exactNanos = -1;
  private volatile long updates;
  private volatile String problem;

  OutputWatcher(String bootstrap, String topic, Encoding encoding, Map<String, Long> reference) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.encoding = encoding;
    this.reference = reference;
    this.wrongWords = reference.size();
    this.thread = new Thread(this::run, "output-watcher-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrap);
    p.setProperty("allow.auto.create.topics", "false");
    p.setProperty("max.poll.records", "5000");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = List.of();
      while (!stop && partitions.isEmpty()) {
        partitions =
            consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                .map(i -> new TopicPartition(topic, i.partition()))
                .toList();
        if (partitions.isEmpty()) {
          Thread.sleep(100);
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!stop) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
          apply(r);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      problem = e.toString();
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> r) {
    long now = System.nanoTime();
    if (firstOutputNanos < 0) {
      firstOutputNanos = now;
    }
    if (r.key() == null || r.value() == null) {
      return;
    }
    String word = new String(r.key(), StandardCharsets.UTF_8);
    long count =
        encoding == Encoding.LONG
            ? ByteBuffer.wrap(r.value()).getLong()
            : Long.parseLong(new String(r.value(), StandardCharsets.UTF_8).trim());
    firstSeenNanos.putIfAbsent(word, now);
    updates++;
    Long expected = reference.get(word);
    Long before = table.put(word, count);
    boolean wasRight = before != null && before.equals(expected);
    boolean isRight = expected != null && expected == count;
    if (wasRight && !isRight) {
      wrongWords++;
    } else if (!wasRight && isRight) {
      wrongWords--;
    }
    if (expected == null && problem == null) {
      problem = "unexpected word in the output: '" + word + "'";
    } else if (expected != null && count > expected && problem == null) {
      problem = "'" + word + "' counted " + count + ", more than the " + expected + " in the input";
    } else if (before != null && count < before && problem == null) {
      problem = "'" + word + "' went backwards: " + before + ", then " + count;
    }
    countedWords += count - (before == null ? 0 : before);
    if (wrongWords == 0 && exactNanos < 0 && problem == null) {
      exactNanos = now;
    }
  }

  boolean exact() {
    return exactNanos >= 0 && problem == null;
  }

  long exactNanos() {
    return exactNanos;
  }

  long firstOutputNanos() {
    return firstOutputNanos;
  }

  long countedWords() {
    return countedWords;
  }

  int wrongWords() {
    return wrongWords;
  }

  long updates() {
    return updates;
  }

  String problem() {
    return problem;
  }

  /** When {@code word} first appeared in the output (System.nanoTime), or -1. */
  long firstSeen(String word) {
    return firstSeenNanos.getOrDefault(word, -1L);
  }

  /** A snapshot of the table so far (for a message when it is not exact). */
  List<String> sampleOfWrongWords(int max) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Long> e : reference.entrySet()) {
      Long got = table.get(e.getKey());
      if (!e.getValue().equals(got)) {
        out.add(e.getKey() + "=" + got + " (expected " + e.getValue() + ")");
        if (out.size() >= max) {
          break;
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    stop = true;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // a daemon thread: it ends with the JVM
    }
  }
}
