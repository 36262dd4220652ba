package org.streamcount.pipeline;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;

/**
 * One producer per JVM and client configuration, shared by every KafkaIO writer that asks for it,
 * and closed when the last of them closes it.
 *
 * <p>KafkaIO makes a producer per writer instance, and the DirectRunner runs writers on several
 * threads. The idempotent producer keeps records in order per producer only: during a broker outage
 * a word's lower total, waiting in one producer, could land after its higher total sent later
 * through another, and the table would go backwards. Through one producer, a word's totals land in
 * the order they were sent.
 */
final class SharedProducer<K, V> extends ForwardingProducer<K, V> {
  private static final Map<Map<String, Object>, Shared> SHARED = new HashMap<>();

  private static final class Shared {
    final Producer<?, ?> producer;
    int users;

    Shared(Producer<?, ?> producer) {
      this.producer = producer;
    }
  }

  private final Map<String, Object> config;
  private boolean closed;

  private SharedProducer(Map<String, Object> config, Producer<K, V> producer) {
    super(producer);
    this.config = config;
  }

  /** The JVM's producer for {@code config}, made by {@code clients} on first use. */
  @SuppressWarnings("unchecked")
  static <K, V> Producer<K, V> acquire(Map<String, Object> config, KafkaClients clients) {
    Map<String, Object> key = Collections.unmodifiableMap(new HashMap<>(config));
    synchronized (SHARED) {
      Shared shared =
          SHARED.computeIfAbsent(key, k -> new Shared(clients.newProducer(new HashMap<>(k))));
      shared.users++;
      return new SharedProducer<>(key, (Producer<K, V>) shared.producer);
    }
  }

  /** How many writers hold the producer for {@code config} (0: none is open). */
  static int users(Map<String, Object> config) {
    synchronized (SHARED) {
      Shared shared = SHARED.get(new HashMap<>(config));
      return shared == null ? 0 : shared.users;
    }
  }

  private void release(Duration timeout) {
    Producer<?, ?> last = null;
    synchronized (SHARED) {
      if (closed) {
        return;
      }
      closed = true;
      Shared shared = SHARED.get(config);
      if (shared != null && --shared.users == 0) {
        SHARED.remove(config);
        last = shared.producer;
      }
    }
    if (last != null) {
      last.close(timeout);
    }
  }

  @Override
  public void close() {
    release(Duration.ofMillis(Long.MAX_VALUE));
  }

  @Override
  public void close(Duration timeout) {
    release(timeout);
  }

  /** A shared producer cannot be transactional: one transaction would span every writer. */
  private static UnsupportedOperationException notTransactional() {
    return new UnsupportedOperationException("a shared producer is not transactional");
  }

  @Override
  public void initTransactions() {
    throw notTransactional();
  }

  @Override
  public void beginTransaction() {
    throw notTransactional();
  }

  @Override
  @Deprecated
  public void sendOffsetsToTransaction(
      Map<TopicPartition, OffsetAndMetadata> offsets, String consumerGroupId) {
    throw notTransactional();
  }

  @Override
  public void sendOffsetsToTransaction(
      Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata metadata) {
    throw notTransactional();
  }

  @Override
  public void commitTransaction() {
    throw notTransactional();
  }

  @Override
  public void abortTransaction() {
    throw notTransactional();
  }
}
