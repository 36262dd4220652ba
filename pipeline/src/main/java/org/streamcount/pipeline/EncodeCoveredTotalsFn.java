package org.streamcount.pipeline;

import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A tracking job's output records ({@link CountWords#COVERED_TOTALS}): each total as {@link
 * TotalRecords} makes it, with the lines it counts in the {@link Coverage#HEADER} header (so a
 * word's total and its coverage are one record: nothing can land one without the other), and each
 * shard's progress as a record of the progress topic, keyed {@code job/shards/shard} (see {@link
 * #progressKey}).
 */
final class EncodeCoveredTotalsFn
    extends DoFn<KV<String, CoveredTotals>, ProducerRecord<String, byte[]>> {
  private final TotalRecords records;
  private final String progressTopic;
  private final String jobName;
  private final int shards;
  // consecutive firings and progress often cover the same lines: encoded once
  private transient Coverage lastCovers;
  private transient byte[] lastEncoded;

  EncodeCoveredTotalsFn(
      KafkaClients kafka,
      String topic,
      OutputFormat format,
      String progressTopic,
      String jobName,
      int shards) {
    this.records = new TotalRecords(kafka, topic, format, EventTimeWindows.global());
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
    records.setup();
  }

  @ProcessElement
  public void processElement(
      @Element KV<String, CoveredTotals> firing,
      OutputReceiver<ProducerRecord<String, byte[]>> out) {
    CoveredTotals covered = firing.getValue();
    if (covered.isProgress()) {
      out.output(
          new ProducerRecord<>(
              progressTopic,
              progressKey(jobName, shards, CountWords.shardOfKey(firing.getKey())),
              encoded(covered.covers())));
      return;
    }
    byte[] covers = encoded(covered.covers());
    for (int i = 0; i < covered.size(); i++) {
      ProducerRecord<String, byte[]> record = records.of(covered.word(i), covered.total(i), false);
      if (record != null) {
        record.headers().add(Coverage.HEADER, covers);
        out.output(record);
      }
    }
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
    records.finishBundle();
  }
}
