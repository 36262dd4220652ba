package org.streamcount.pipeline;

import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A tracking job's output records ({@link CountWords#COVERED_TOTALS}): each total as {@link
 * EncodeGrowingTotalsFn} makes it, with the lines it counts in the {@link Coverage#HEADER} header
 * (so a word's total and its coverage are one record: nothing can land one without the other), and
 * each shard's progress as a record of the progress topic, keyed {@code job/shards/shard} (see
 * {@link #progressKey}).
 */
final class EncodeCoveredTotalsFn
    extends DoFn<KV<String, CoveredTotal>, ProducerRecord<String, byte[]>> {
  private final KafkaClients kafka;
  private final String topic;
  private final OutputFormat format;
  private final String progressTopic;
  private final String jobName;
  private final int shards;
  private final Counter stale = StreamCountMetrics.counter(StreamCountMetrics.STALE_TOTALS_SKIPPED);
  private final Distribution firstUpdateAt =
      StreamCountMetrics.distribution(StreamCountMetrics.FIRST_UPDATE_AT);
  private transient boolean firstUpdateReported;
  private transient PublishedTotals published;
  private transient boolean outputInBundle;
  private transient long staleInBundle;
  // the totals of a firing share one coverage: encoded once
  private transient Coverage lastCovers;
  private transient byte[] lastEncoded;

  EncodeCoveredTotalsFn(
      KafkaClients kafka,
      String topic,
      OutputFormat format,
      String progressTopic,
      String jobName,
      int shards) {
    this.kafka = kafka;
    this.topic = topic;
    this.format = format;
    this.progressTopic = progressTopic;
    this.jobName = jobName;
    this.shards = shards;
  }

  /** The key of a shard's progress: the job, how many shards it counts in, which one. */
  static String progressKey(String jobName, int shards, int shard) {
    return jobName + "/" + shards + "/" + shard;
  }

  @Setup
  public void setup() {
    published = PublishedTotals.of(kafka, topic, format, PublishedTotals.LOAD_TIMEOUT);
  }

  @ProcessElement
  public void processElement(
      @Element KV<String, CoveredTotal> total, OutputReceiver<ProducerRecord<String, byte[]>> out) {
    CoveredTotal covered = total.getValue();
    if (covered.isProgress()) {
      out.output(
          new ProducerRecord<>(
              progressTopic,
              progressKey(jobName, shards, CountWords.shardOfKey(total.getKey())),
              encoded(covered.covers())));
      return;
    }
    if (published.isStale(total.getKey(), covered.total(), false)) {
      staleInBundle++;
      return;
    }
    outputInBundle = true;
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            topic,
            total.getKey(),
            format.encode(total.getKey(), covered.total(), EventTimeWindows.global(), false));
    record.headers().add(Coverage.HEADER, encoded(covered.covers()));
    out.output(record);
  }

  private byte[] encoded(Coverage covers) {
    if (covers != lastCovers) {
      lastCovers = covers;
      lastEncoded = covers.encode().getBytes(StandardCharsets.UTF_8);
    }
    return lastEncoded;
  }

  @FinishBundle
  public void finishBundle() {
    if (outputInBundle && !firstUpdateReported) {
      firstUpdateAt.update(System.currentTimeMillis());
      firstUpdateReported = true;
    }
    stale.inc(staleInBundle);
    outputInBundle = false;
    staleInBundle = 0;
  }
}
