package org.streamcount.pipeline;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The output record of a running total, made by every encode step ({@link EncodeGrowingTotalsFn},
 * {@link EncodeWindowTotalsFn}, {@link EncodeCoveredTotalsFn}): key = the word, value = the count
 * in the chosen {@link OutputFormat}, and only for totals higher than any already published for
 * that word. The last word on that is the writer's {@link GrowingTotalsProducer}; this drops most
 * of the rest before they travel, and counts them in {@code stale-totals-skipped}.
 *
 * <p>A restarted job recomputes (the DirectRunner from the start of the retained input, Spark from
 * its last checkpoint). On the way back up it passes through totals that consumers of the table
 * already saw higher; publishing them would make counts go backwards until the recomputation caught
 * up. {@link PublishedTotals} remembers the highest total per word, loaded from the output topic
 * once per JVM, so the table never goes backwards across any stop.
 *
 * <p>A window's final total carries the {@link OutputFormat#FINAL_HEADER}, and goes out even when
 * it equals the last total published. One instance per encode step; not thread-safe, as a DoFn.
 */
final class TotalRecords implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final byte[] FINAL = "true".getBytes(StandardCharsets.UTF_8);

  private final KafkaClients kafka;
  private final String topic;
  private final OutputFormat format;
  private final EventTimeWindows windows;
  private final Counter stale = StreamCountMetrics.counter(StreamCountMetrics.STALE_TOTALS_SKIPPED);
  private final Distribution firstUpdateAt =
      StreamCountMetrics.distribution(StreamCountMetrics.FIRST_UPDATE_AT);
  private transient PublishedTotals published;
  private transient boolean firstUpdateReported;
  private transient boolean outputInBundle;
  private transient long staleInBundle;

  TotalRecords(KafkaClients kafka, String topic, OutputFormat format, EventTimeWindows windows) {
    this.kafka = kafka;
    this.topic = topic;
    this.format = format;
    this.windows = windows;
  }

  /** From the encode step's {@code @Setup}: loads what the table holds, once per JVM. */
  void setup() {
    published = PublishedTotals.of(kafka, topic, format, PublishedTotals.LOAD_TIMEOUT);
  }

  /** The record of {@code word}'s {@code total}, or null for a total already published higher. */
  ProducerRecord<String, byte[]> of(String word, long total, boolean isFinal) {
    if (published.isStale(word, total, isFinal)) {
      staleInBundle++;
      return null;
    }
    outputInBundle = true;
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topic, word, format.encode(word, total, windows, isFinal));
    if (isFinal) {
      record.headers().add(OutputFormat.FINAL_HEADER, FINAL);
    }
    return record;
  }

  /** From the encode step's {@code @FinishBundle}: reports the bundle's counts. */
  void finishBundle() {
    if (outputInBundle && !firstUpdateReported) {
      firstUpdateAt.update(System.currentTimeMillis());
      firstUpdateReported = true;
    }
    stale.inc(staleInBundle);
    outputInBundle = false;
    staleInBundle = 0;
  }
}
