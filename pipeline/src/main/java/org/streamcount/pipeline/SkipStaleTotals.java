package org.streamcount.pipeline;

import java.time.Duration;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Never publishes a total lower than (or equal to) one already published for the same word.
 *
 * <p>A restarted job recomputes: the DirectRunner from the start of the retained input, Spark
 * from its last checkpoint. On the way back up it passes through totals that consumers of the
 * output table already saw higher; publishing them would make counts go backwards until the
 * recomputation catches up. This is what keeps the table monotonic across any stop.
 */
final class SkipStaleTotals extends DoFn<KV<String, Long>, KV<String, Long>> {
  private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(5);

  private final KafkaClientConfig kafka;
  private final String topic;
  private final OutputFormat format;
  private final Counter skipped = StreamCountMetrics.counter(StreamCountMetrics.STALE_TOTALS_SKIPPED);
  private transient PublishedTotals published;

  SkipStaleTotals(KafkaClientConfig kafka, String topic, OutputFormat format) {
    this.kafka = kafka;
    this.topic = topic;
    this.format = format;
  }

  @Setup
  public void setup() {
    published = PublishedTotals.of(kafka, topic, format, LOAD_TIMEOUT);
  }

  @ProcessElement
  public void processElement(@Element KV<String, Long> total, OutputReceiver<KV<String, Long>> out) {
    if (published.advance(total.getKey(), total.getValue())) {
      out.output(total);
    } else {
      skipped.inc();
    }
  }
}
