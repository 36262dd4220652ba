package org.streamcount.pipeline;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/** The pipeline's counters: what the status line shows and what tests and benchmarks read. */
final class StreamCountMetrics {
  static final String NAMESPACE = "streamcount";

  static final String LINES_READ = "lines-read";
  static final String SKIPPED_RECORDS = "skipped-records";
  static final String WORDS_COUNTED = "words-counted";
  static final String WORDS_TOO_LONG = "words-too-long";
  static final String COUNT_UPDATES = "count-updates";
  static final String DISTINCT_WORDS = "distinct-words";
  static final String STALE_TOTALS_SKIPPED = "stale-totals-skipped";

  private StreamCountMetrics() {}

  static Counter counter(String name) {
    return Metrics.counter(NAMESPACE, name);
  }
}
