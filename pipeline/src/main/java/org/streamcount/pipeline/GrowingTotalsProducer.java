package org.streamcount.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *
 * <p>A tracking job's shard progress (records to {@code progressTopic}) waits here until the writer
 * flushes and every total sent before it is acknowledged: progress says the table holds what the
 * shard counted, and must never land ahead of the totals it speaks for. A flush that saw a send
 * fail drops it (the bundle fails and is retried).
 */
final class GrowingTotalsProducer extends ForwardingProducer<String, byte[]> {
  private final PublishedTotals published;
  private final OutputFormat format;
  private final Counter updates = StreamCountMetrics.counter(StreamCountMetrics.COUNT_UPDATES);
  private final Counter stale = StreamCountMetrics.counter(StreamCountMetrics.STALE_TOTALS_SKIPPED);
  private final String progressTopic;
  private final List<ProducerRecord<String, byte[]>> progress = new ArrayList<>();
  private final AtomicBoolean failedSinceFlush = new AtomicBoolean();

  /**
   * @param progressTopic where a tracking job's shard progress goes, or null
   */
  GrowingTotalsProducer(
      Producer<String, byte[]> producer,
      PublishedTotals published,
      OutputFormat format,
      String progressTopic) {
    super(producer);
    this.published = published;
    this.format = format;
    this.progressTopic = progressTopic;
  }

  @Override
  public void flush() {
    producer.flush();
    if (!failedSinceFlush.getAndSet(false)) {
      // nothing waits for these: a progress record lost in a crash only means an older one counts
      progress.forEach(p -> producer.send(p, null));
    }
    progress.clear();
  }

  @Override
  public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
    if (record.topic().equals(progressTopic)) {
      progress.add(record);
      return done(record, callback);
    }
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
                            failedSinceFlush.set(true);
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
    return done(record, callback);
  }

  /** To the writer, a send that succeeded; nothing sent yet. */
  private static Future<RecordMetadata> done(
      ProducerRecord<String, byte[]> record, Callback callback) {
    RecordMetadata none =
        new RecordMetadata(
            new TopicPartition(record.topic(), -1), -1, 0, RecordBatch.NO_TIMESTAMP, 0, 0);
    if (callback != null) {
      callback.onCompletion(none, null);
    }
    return CompletableFuture.completedFuture(none);
  }
}
