package org.streamcount.pipeline;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;

/** Running total to output record value, in the chosen {@link OutputFormat}. */
final class FormatCounts extends DoFn<KV<String, Long>, KV<String, byte[]>> {
  private final OutputFormat format;
  private final Counter updates = StreamCountMetrics.counter(StreamCountMetrics.COUNT_UPDATES);
  private final Counter distinct = StreamCountMetrics.counter(StreamCountMetrics.DISTINCT_WORDS);

  FormatCounts(OutputFormat format) {
    this.format = format;
  }

  @ProcessElement
  public void processElement(@Element KV<String, Long> count, PaneInfo pane, OutputReceiver<KV<String, byte[]>> out) {
    updates.inc();
    // Panes are per word: the first pane of a word is the first time this run has seen it.
    if (pane.isFirst()) {
      distinct.inc();
    }
    out.output(KV.of(count.getKey(), format.encode(count.getKey(), count.getValue())));
  }
}
