package org.streamcount.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Record value to line, with where it was read. A poison record (null value, bytes that are not
 * UTF-8) is counted and skipped: one bad producer must not stop the count for everybody else; it
 * goes on as a {@link Line} without text, so that the count covers its offset too. Skipped records
 * also leave on {@link #REJECTED}, unchanged, with their origin in headers, for a dead-letter
 * topic.
 */
final class DecodeLinesFn extends DoFn<KafkaRecord<byte[], byte[]>, Line> {
  static final TupleTag<Line> LINES = new TupleTag<>() {};
  static final TupleTag<ProducerRecord<byte[], byte[]>> REJECTED = new TupleTag<>() {};
  static final String REASON_HEADER = "streamcount.reason";
  static final String ORIGIN_HEADER = "streamcount.origin";

  private final String deadLetterTopic;
  private final Counter linesRead = StreamCountMetrics.counter(StreamCountMetrics.LINES_READ);
  private final Counter skipped = StreamCountMetrics.counter(StreamCountMetrics.SKIPPED_RECORDS);
  private final Distribution firstLineAt =
      StreamCountMetrics.distribution(StreamCountMetrics.FIRST_LINE_AT);
  private transient boolean firstLineReported;
  private transient StrictUtf8 utf8;
  private transient long readInBundle;
  private transient long skippedInBundle;
  private transient Map<String, Long> offsetsInBundle;
  // the partition read last and its highest offset: consecutive records mostly share it
  private transient String lastTopic;
  private transient int lastPartition;
  private transient String lastOffsetName;
  private transient String lastPartitionName;
  private transient long lastOffset;

  /**
   * @param deadLetterTopic where rejected records go, or null to only count them
   */
  DecodeLinesFn(String deadLetterTopic) {
    this.deadLetterTopic = deadLetterTopic;
  }

  @Setup
  public void setup() {
    utf8 = new StrictUtf8();
    offsetsInBundle = new HashMap<>();
  }

  @ProcessElement
  public void processElement(@Element KafkaRecord<byte[], byte[]> record, MultiOutputReceiver out) {
    if (record.getPartition() != lastPartition || !record.getTopic().equals(lastTopic)) {
      keepLastOffset();
      lastTopic = record.getTopic();
      lastPartition = record.getPartition();
      lastOffsetName = StreamCountMetrics.readOffset(lastTopic, lastPartition);
      lastPartitionName = Coverage.partitionName(lastTopic, lastPartition);
      lastOffset = record.getOffset();
    } else {
      lastOffset = Math.max(lastOffset, record.getOffset());
    }
    byte[] value = record.getKV().getValue();
    String line = value == null ? null : utf8.decode(value);
    if (line == null) {
      reject(record, value == null ? "null value" : "not UTF-8", out);
    } else {
      readInBundle++;
    }
    out.get(LINES).output(new Line(line, lastPartitionName, record.getOffset()));
  }

  private void keepLastOffset() {
    if (lastOffsetName != null) {
      offsetsInBundle.merge(lastOffsetName, lastOffset, Math::max);
    }
  }

  private void reject(KafkaRecord<byte[], byte[]> record, String reason, MultiOutputReceiver out) {
    skippedInBundle++;
    if (deadLetterTopic == null) {
      return;
    }
    RecordHeaders headers = new RecordHeaders();
    headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
    headers.add(
        ORIGIN_HEADER,
        (record.getTopic() + "/" + record.getPartition() + "/" + record.getOffset())
            .getBytes(StandardCharsets.UTF_8));
    out.get(REJECTED)
        .output(
            new ProducerRecord<>(
                deadLetterTopic,
                null,
                null,
                record.getKV().getKey(),
                record.getKV().getValue(),
                headers));
  }

  /**
   * Counters once per bundle, not once per record: the status line needs no more. The read offsets
   * are what the launcher commits to the job's consumer group, for lag tools.
   */
  @FinishBundle
  public void finishBundle() {
    keepLastOffset();
    lastTopic = null;
    lastOffsetName = null;
    offsetsInBundle.forEach((name, offset) -> StreamCountMetrics.distribution(name).update(offset));
    offsetsInBundle.clear();
    if (readInBundle > 0 && !firstLineReported) {
      firstLineAt.update(System.currentTimeMillis());
      firstLineReported = true;
    }
    linesRead.inc(readInBundle);
    skipped.inc(skippedInBundle);
    readInBundle = 0;
    skippedInBundle = 0;
  }
}
