package org.streamcount.pipeline;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Running total to output record: key = the word, value = the count in the chosen {@link
 * OutputFormat}, and only for totals higher than any already published for that word (the last word
 * on that is the writer's {@link GrowingTotalsProducer}: this drops most of the rest before they
 * travel).
 *
 * <p>A restarted job recomputes (the DirectRunner from the start of the retained input, Spark from
 * its last checkpoint). On the way back up it passes through totals that consumers of the table
 * already saw higher; publishing them would make counts go backwards until the recomputation caught
 * up. {@link PublishedTotals} remembers the highest total per word, loaded from the output topic
 * once per JVM, so the table never goes backwards across any stop.
 *
 * <p>A window's final totals go out through their own instance ({@code finals}): each carries the
 * {@link OutputFormat#FINAL_HEADER}, and goes out even when it equals the last total published.
 */
final class EncodeGrowingTotalsFn extends DoFn<KV<String, Long>, ProducerRecord<String, byte[]>> {
  private static final byte[] FINAL = "true".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private final KafkaClients kafka;
  private final String topic;
  private final OutputFormat format;
  private final EventTimeWindows windows;
  private final boolean finals;
  private final Counter stale = StreamCountMetrics.counter(StreamCountMetrics.STALE_TOTALS_SKIPPED);
  private final Distribution firstUpdateAt =
      StreamCountMetrics.distribution(StreamCountMetrics.FIRST_UPDATE_AT);
  private transient boolean firstUpdateReported;
  private transient PublishedTotals published;
  private transient boolean outputInBundle;
  private transient long staleInBundle;

  EncodeGrowingTotalsFn(
      KafkaClients kafka,
      String topic,
      OutputFormat format,
      EventTimeWindows windows,
      boolean finals) {
    this.kafka = kafka;
    this.topic = topic;
    this.format = format;
    this.windows = windows;
    this.finals = finals;
  }

  @Setup
  public void setup() {
    published = PublishedTotals.of(kafka, topic, format, PublishedTotals.LOAD_TIMEOUT);
  }

  @ProcessElement
  public void processElement(
      @Element KV<String, Long> total, OutputReceiver<ProducerRecord<String, byte[]>> out) {
    if (published.isStale(total.getKey(), total.getValue(), finals)) {
      staleInBundle++;
      return;
    }
    outputInBundle = true;
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            topic,
            total.getKey(),
            format.encode(total.getKey(), total.getValue(), windows, finals));
    if (finals) {
      record.headers().add(OutputFormat.FINAL_HEADER, FINAL);
    }
    out.output(record);
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
