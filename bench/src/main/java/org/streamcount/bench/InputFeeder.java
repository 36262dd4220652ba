package org.streamcount.bench;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes a workload into an input topic: as fast as the broker takes it, or at a fixed rate. */
final class InputFeeder implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  InputFeeder(String bootstrap) {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrap);
    p.setProperty("acks", "all");
    p.setProperty("linger.ms", "10");
    p.setProperty("batch.size", String.valueOf(256 * 1024));
    p.setProperty("compression.type", "lz4");
    producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Sends every line and waits until all are acknowledged. */
  void preload(String topic, Workload workload) {
    preload(topic, workload, null);
  }

  /** The same, each record stamped with its line's event time (none: the time of sending). */
  void preload(String topic, Workload workload, EventTimes times) {
    AtomicLong sent = new AtomicLong();
    workload.forEachLine(
        line -> {
          long i = sent.getAndIncrement();
          Long time = times == null ? null : times.timeOf(i, workload.lines());
          producer.send(
              new ProducerRecord<>(topic, null, time, null, line.getBytes(StandardCharsets.UTF_8)),
              (m, e) -> {
                if (e != null) {
                  failure.compareAndSet(null, e);
                }
              });
        });
    producer.flush();
    check();
  }

  void send(String topic, String line) {
    producer.send(
        new ProducerRecord<>(topic, line.getBytes(StandardCharsets.UTF_8)),
        (m, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  /** Sends one line now and returns when the broker has it. */
  long sendAndWait(String topic, String line) throws Exception {
    producer.send(new ProducerRecord<>(topic, line.getBytes(StandardCharsets.UTF_8))).get();
    return System.nanoTime();
  }

  void flush() {
    producer.flush();
    check();
  }

  private void check() {
    if (failure.get() != null) {
      throw new IllegalStateException(
          "could not write the input: " + failure.get().getMessage(), failure.get());
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
