package org.streamcount.pipeline;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Fault injection for a job's clients ({@code interceptor.classes} in its {@code --kafkaConfig}):
 * the first {@code -Dstreamcount.test.failSends=N} records sent to a topic named {@code counts-...}
 * are made larger than the producer accepts, so their sends fail as a real one would (the callback
 * gets a {@code RecordTooLargeException}). Kafka swallows an exception thrown by an interceptor, so
 * failing the record itself is the way to fail a send. Consumers get the same client file, hence
 * the pass-through consumer side.
 */
public final class FailFirstSendsInterceptor
    implements ProducerInterceptor<Object, Object>, ConsumerInterceptor<Object, Object> {
  private static final AtomicInteger LEFT =
      new AtomicInteger(Integer.getInteger("streamcount.test.failSends", 0));
  private static final byte[] TOO_LARGE = new byte[2 * 1024 * 1024];

  @Override
  public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
    if (!record.topic().startsWith("counts-") || LEFT.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
      return record;
    }
    Object value = record.value() instanceof byte[] ? TOO_LARGE : record.value();
    return new ProducerRecord<>(
        record.topic(), record.partition(), record.timestamp(), record.key(), value);
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

  @Override
  public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
    return records;
  }

  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
