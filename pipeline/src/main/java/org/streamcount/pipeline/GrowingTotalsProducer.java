package org.streamcount.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.RecordBatch;

/**
 * The producer KafkaIO's writer sends the totals through: a total goes to Kafka only if it is
 * higher than the word's last one ({@link PublishedTotals#sendIfHigher}), decided at the moment of
 * the send. Deciding earlier, in {@link EncodeGrowingTotalsFn}, is not enough on its own: the
 * writer runs in a later bundle, and on the DirectRunner two bundles holding totals of one word can
 * be written by two threads in either order. A failed send marks its total as sendable again
 * ({@link PublishedTotals#sendFailed}) before KafkaIO's callback fails the bundle, so the retried
 * bundle publishes it.
 */
final class GrowingTotalsProducer extends ForwardingProducer<String, byte[]> {
  private final PublishedTotals published;
  private final OutputFormat format;
  private final Counter updates = StreamCountMetrics.counter(StreamCountMetrics.COUNT_UPDATES);
  private final Counter stale = StreamCountMetrics.counter(StreamCountMetrics.STALE_TOTALS_SKIPPED);

  GrowingTotalsProducer(
      Producer<String, byte[]> producer, PublishedTotals published, OutputFormat format) {
    super(producer);
    this.published = published;
    this.format = format;
  }

  @Override
  public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
    String word = record.key();
    long total = format.decode(record.value());
    boolean isFinal = record.headers().lastHeader(OutputFormat.FINAL_HEADER) != null;
    @SuppressWarnings({"unchecked", "rawtypes"}) // a holder the lambda below can set
    Future<RecordMetadata>[] sent = new Future[1];
    boolean higher =
        published.sendIfHigher(
            word,
            total,
            isFinal,
            () ->
                sent[0] =
                    producer.send(
                        record,
                        (metadata, failure) -> {
                          if (failure != null) {
                            published.sendFailed(word, total);
                          }
                          if (callback != null) {
                            callback.onCompletion(metadata, failure);
                          }
                        }));
    if (higher) {
      updates.inc();
      return sent[0];
    }
    // not sent, and nothing to retry: to the writer, a success
    stale.inc();
    RecordMetadata none =
        new RecordMetadata(
            new TopicPartition(record.topic(), -1), -1, 0, RecordBatch.NO_TIMESTAMP, 0, 0);
    if (callback != null) {
      callback.onCompletion(none, null);
    }
    return CompletableFuture.completedFuture(none);
  }
}
