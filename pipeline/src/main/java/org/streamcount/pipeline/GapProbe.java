package org.streamcount.pipeline;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Closes the gaps of a shard's {@link Coverage} that hold no record the job reads. Two bundles read
 * one after the other leave a gap between their ranges when the offsets between hold no record for
 * a {@code read_committed} reader: the markers of transactions and the records of aborted ones.
 * Left open, every transaction of a transactional input would cost a range, and the progress would
 * stop at the first. A gap can also be a bundle still on its way to the shard; the two look alike,
 * so this asks Kafka: reading on from the gap's start, the first record is past the gap's end only
 * if the gap holds none.
 */
final class GapProbe implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration PATIENCE = Duration.ofSeconds(5);

  /** One consumer per broker and JVM, used by one probe at a time: making one takes a while. */
  private static final Map<String, Consumer<byte[], byte[]>> SHARED = new ConcurrentHashMap<>();

  private final KafkaClients kafka;

  GapProbe(KafkaClients kafka) {
    this.kafka = kafka;
  }

  /** {@code covered} with every gap closed that Kafka shows to hold no record. */
  Coverage closeEmptyGaps(Coverage covered) {
    Coverage closed = covered;
    for (Map.Entry<String, List<long[]>> partition : covered.gaps().entrySet()) {
      for (long[] gap : emptyGaps(partition.getKey(), partition.getValue())) {
        closed = closed.union(Coverage.ranges(Map.of(partition.getKey(), gap)));
      }
    }
    return closed;
  }

  /** The gaps of {@code partition}, in order, that one read from the first shows empty. */
  private List<long[]> emptyGaps(String partition, List<long[]> gaps) {
    int slash = partition.lastIndexOf('/');
    TopicPartition tp =
        new TopicPartition(
            partition.substring(0, slash), Integer.parseInt(partition.substring(slash + 1)));
    Consumer<byte[], byte[]> c = SHARED.computeIfAbsent(kafka.bootstrapServers(), b -> consumer());
    List<Long> offsets = new ArrayList<>();
    synchronized (c) {
      c.assign(List.of(tp));
      c.seek(tp, gaps.get(0)[0]);
      // the gap ends below a range the job read, so there is a record to come: wait for it a while
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (offsets.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL).records(tp)) {
          offsets.add(r.offset());
        }
      }
    }
    List<long[]> empty = new ArrayList<>();
    if (offsets.isEmpty()) {
      return empty;
    }
    long last = offsets.get(offsets.size() - 1);
    int next = 0;
    for (long[] gap : gaps) {
      while (next < offsets.size() && offsets.get(next) < gap[0]) {
        next++;
      }
      boolean recordInGap = next < offsets.size() && offsets.get(next) < gap[1];
      if (recordInGap || last < gap[1]) {
        break; // a bundle on its way, or beyond what this read saw: asked again next firing
      }
      empty.add(gap);
    }
    return empty;
  }

  private Consumer<byte[], byte[]> consumer() {
    Map<String, Object> ours = new HashMap<>();
    ours.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    ours.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    ours.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    ours.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    ours.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    ours.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    ours.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return kafka.newConsumer(kafka.consumerSettings(ours), Map.of(), null);
  }
}
