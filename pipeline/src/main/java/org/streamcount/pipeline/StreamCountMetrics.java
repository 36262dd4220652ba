package org.streamcount.pipeline;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;

/** The pipeline's counters: what the status line shows and what tests and benchmarks read. */
public final class StreamCountMetrics {
  public static final String NAMESPACE = "streamcount";

  public static final String LINES_READ = "lines-read";
  public static final String SKIPPED_RECORDS = "skipped-records";
  public static final String WORDS_COUNTED = "words-counted";
  public static final String WORDS_TOO_LONG = "words-too-long";

  /** Words of re-read lines that the totals at the start already counted: dropped, not lost. */
  public static final String WORDS_ALREADY_COUNTED = "words-already-counted";

  public static final String COUNT_UPDATES = "count-updates";
  public static final String DISTINCT_WORDS = "distinct-words";
  public static final String STALE_TOTALS_SKIPPED = "stale-totals-skipped";

  /** Words of a window that had closed when they arrived (see {@code --allowedLateness}). */
  public static final String LATE_WORDS_DROPPED = "late-words-dropped";

  /**
   * Wall-clock milliseconds at which a worker read its first line / handed its first count to the
   * writer, one value per DoFn instance: their minimum is the job's first, for the start-up
   * profile. Distributions, because their minimum is kept by every runner.
   */
  public static final String FIRST_LINE_AT = "first-line-at-millis";

  public static final String FIRST_UPDATE_AT = "first-update-at-millis";

  /**
   * {@code read-offset:<topic>:<partition>}: the offset of the last line read from that partition,
   * a distribution whose maximum is kept by every runner. Kafka topic names hold no {@code :}.
   */
  public static final String READ_OFFSET_PREFIX = "read-offset:";

  public static String readOffset(String topic, int partition) {
    return READ_OFFSET_PREFIX + topic + ":" + partition;
  }

  private StreamCountMetrics() {}

  static Counter counter(String name) {
    return Metrics.counter(NAMESPACE, name);
  }

  static Distribution distribution(String name) {
    return Metrics.distribution(NAMESPACE, name);
  }
}
