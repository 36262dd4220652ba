package org.streamcount.pipeline.launch;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.kafka.common.TopicPartition;
import org.streamcount.pipeline.StreamCountMetrics;

/**
 * A snapshot of the pipeline's counters, summed over steps, and of its start-up times (their
 * minimum), with the one-line status built from two snapshots. Attempted values: the only kind
 * every runner reports while a job runs.
 */
public record PipelineStatus(long nanoTime, Map<String, Long> counters) {

  /** The job's counters as the runner reports them now (zeros before it can answer). */
  public static PipelineStatus of(PipelineResult result) {
    Map<String, Long> counters = new HashMap<>();
    try {
      MetricQueryResults metrics =
          result
              .metrics()
              .queryMetrics(
                  MetricsFilter.builder()
                      .addNameFilter(MetricNameFilter.inNamespace(StreamCountMetrics.NAMESPACE))
                      .build());
      for (MetricResult<Long> c : metrics.getCounters()) {
        Long value = c.getAttempted();
        counters.merge(c.getName().getName(), value == null ? 0L : value, Long::sum);
      }
      for (MetricResult<DistributionResult> d : metrics.getDistributions()) {
        DistributionResult value = d.getAttempted();
        String name = d.getName().getName();
        if (value != null && value.getCount() > 0) {
          if (name.startsWith(StreamCountMetrics.READ_OFFSET_PREFIX)) {
            counters.merge(name, value.getMax(), Math::max);
          } else {
            counters.merge(name, value.getMin(), Math::min);
          }
        }
      }
    } catch (RuntimeException e) {
      // some runners cannot answer before the job has really started; report zeros meanwhile
    }
    return new PipelineStatus(System.nanoTime(), counters);
  }

  public long get(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /** The offset of the last line read, per input partition. */
  public Map<TopicPartition, Long> readOffsets() {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    counters.forEach(
        (name, offset) -> {
          if (name.startsWith(StreamCountMetrics.READ_OFFSET_PREFIX)) {
            String topicAndPartition =
                name.substring(StreamCountMetrics.READ_OFFSET_PREFIX.length());
            int colon = topicAndPartition.lastIndexOf(':');
            offsets.put(
                new TopicPartition(
                    topicAndPartition.substring(0, colon),
                    Integer.parseInt(topicAndPartition.substring(colon + 1))),
                offset);
          }
        });
    return offsets;
  }

  public long linesRead() {
    return get(StreamCountMetrics.LINES_READ);
  }

  public long wordsCounted() {
    return get(StreamCountMetrics.WORDS_COUNTED);
  }

  public long countUpdates() {
    return get(StreamCountMetrics.COUNT_UPDATES);
  }

  public long distinctWords() {
    return get(StreamCountMetrics.DISTINCT_WORDS);
  }

  /** When the first line was read, epoch milliseconds, or 0 before that. */
  public long firstLineAtMillis() {
    return get(StreamCountMetrics.FIRST_LINE_AT);
  }

  /** When the first count was handed to the writer, epoch milliseconds, or 0 before that. */
  public long firstUpdateAtMillis() {
    return get(StreamCountMetrics.FIRST_UPDATE_AT);
  }

  public long skipped() {
    return get(StreamCountMetrics.SKIPPED_RECORDS) + get(StreamCountMetrics.WORDS_TOO_LONG);
  }

  /**
   * e.g. {@code lines 12,000 | words 60,000 | distinct 1,000 | updates written 3,100 | skipped 0}
   */
  String totals() {
    return String.format(
        Locale.ROOT,
        "lines %,d | words %,d | distinct %,d | updates written %,d | skipped %,d%s",
        linesRead(),
        wordsCounted(),
        distinctWords(),
        countUpdates(),
        skipped(),
        lateWordsDropped() > 0
            ? String.format(Locale.ROOT, " | late words dropped %,d", lateWordsDropped())
            : "");
  }

  /**
   * e.g. {@code lines 12,000 (2,400/s) | words 60,000 (12,000/s) | distinct 1,000 | updates 3,100 |
   * skipped 0}
   */
  String line(PipelineStatus previous) {
    double seconds = Math.max(1e-9, (nanoTime - previous.nanoTime) / 1e9);
    return String.format(
            Locale.ROOT,
            "lines %,d (%,.0f/s) | words %,d (%,.0f/s) | distinct %,d | updates written %,d | skipped %,d%s",
            linesRead(),
            (linesRead() - previous.linesRead()) / seconds,
            wordsCounted(),
            (wordsCounted() - previous.wordsCounted()) / seconds,
            distinctWords(),
            countUpdates(),
            skipped(),
            get(StreamCountMetrics.WORDS_TOO_LONG) > 0
                ? String.format(
                    Locale.ROOT,
                    " (%,d records, %,d over-long words)",
                    get(StreamCountMetrics.SKIPPED_RECORDS),
                    get(StreamCountMetrics.WORDS_TOO_LONG))
                : "")
        + (get(StreamCountMetrics.STALE_TOTALS_SKIPPED) > 0
            ? String.format(
                Locale.ROOT,
                " | recomputed totals not republished %,d",
                get(StreamCountMetrics.STALE_TOTALS_SKIPPED))
            : "")
        + (get(StreamCountMetrics.WORDS_ALREADY_COUNTED) > 0
            ? String.format(
                Locale.ROOT,
                " | re-read words already in the table %,d",
                get(StreamCountMetrics.WORDS_ALREADY_COUNTED))
            : "")
        + (lateWordsDropped() > 0
            ? String.format(Locale.ROOT, " | late words dropped %,d", lateWordsDropped())
            : "");
  }

  /** Words of windows that had closed when they arrived (see {@code --allowedLateness}). */
  public long lateWordsDropped() {
    return get(StreamCountMetrics.LATE_WORDS_DROPPED);
  }
}
