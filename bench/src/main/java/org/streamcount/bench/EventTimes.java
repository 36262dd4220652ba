package org.streamcount.bench;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Event time for the windowed workload: line {@code i} of {@code n} is stamped {@code start + i *
 * span / n}, so the lines come in time order and spread evenly over {@code span}; a window of
 * {@code windowMillis} counts the words stamped within it.
 */
record EventTimes(long startMillis, long spanMillis, long windowMillis) {
  /** An hour of 2019 in one-minute windows: old enough that a wall clock would call it late. */
  static EventTimes hourOf2019(long windowMinutes) {
    return new EventTimes(
        Instant.parse("2019-10-01T09:00:00Z").toEpochMilli(), 3_600_000L, windowMinutes * 60_000L);
  }

  long timeOf(long line, long lines) {
    return startMillis + line * spanMillis / lines;
  }

  /**
   * The exact final table per window, {@code word@window-start} (ISO-8601 UTC, as streamcount keys
   * it), computed independently of every system under test.
   */
  Map<String, Long> reference(Workload workload) {
    Map<String, Long> counts = new HashMap<>();
    long[] index = {0};
    workload.forEachLine(
        line -> {
          long time = timeOf(index[0]++, workload.lines());
          String suffix =
              "@" + Instant.ofEpochMilli(Math.floorDiv(time, windowMillis) * windowMillis);
          int start = 0;
          for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ' ') {
              counts.merge(line.substring(start, i) + suffix, 1L, Long::sum);
              start = i + 1;
            }
          }
        });
    return counts;
  }

  String describe() {
    return String.format(
        "stamped over %d minutes of event time from %s, counted per %d-minute window",
        spanMillis / 60_000, Instant.ofEpochMilli(startMillis), windowMillis / 60_000);
  }
}
