package org.streamcount.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn.OutputReceiver;
import org.apache.beam.sdk.values.KV;

/** Closes windows in a key's totals: emits their words' totals as final and removes them. */
final class WindowCloser {
  private final EventTimeWindows windows;
  private final Map<String, Long> endPerSuffix = new HashMap<>();
  private final Counter late = StreamCountMetrics.counter(StreamCountMetrics.LATE_WORDS_DROPPED);

  WindowCloser(EventTimeWindows windows) {
    this.windows = windows;
  }

  /** The end of a windowed key's window; the suffix's instant is parsed once per window. */
  long endOf(String key) {
    String suffix = key.substring(key.lastIndexOf(EventTimeWindows.SEPARATOR));
    Long end = endPerSuffix.get(suffix);
    if (end == null) {
      end = EventTimeWindows.startOf(suffix) + windows.sizeMillis();
      endPerSuffix.put(suffix, end);
    }
    return end;
  }

  /**
   * Removes from {@code counts} the words of windows that end at or before {@code lateUpTo},
   * counting them in {@code late-words-dropped}, and returns the earliest end of the windows of the
   * others and {@code earliestEnd}.
   */
  long dropLate(Map<String, Long> counts, long lateUpTo, long earliestEnd) {
    long lateWords = 0;
    for (var it = counts.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Long> e = it.next();
      long end = endOf(e.getKey());
      if (end <= lateUpTo) {
        lateWords += e.getValue();
        it.remove();
      } else {
        earliestEnd = Math.min(earliestEnd, end);
      }
    }
    late.inc(lateWords);
    return earliestEnd;
  }

  /**
   * Emits the total of every key of {@code totals} whose window ends at or before {@code
   * closeUpTo}, removes them, and returns the earliest end of the windows left ({@link
   * Long#MAX_VALUE} for none).
   */
  long close(
      Map<String, Long> totals, long closeUpTo, OutputReceiver<KV<String, WindowTotal>> finals) {
    long earliestEnd = Long.MAX_VALUE;
    List<String> closed = new ArrayList<>();
    for (Map.Entry<String, Long> e : totals.entrySet()) {
      long end = endOf(e.getKey());
      if (end <= closeUpTo) {
        finals.output(KV.of(e.getKey(), WindowTotal.closing(e.getValue())));
        closed.add(e.getKey());
      } else {
        earliestEnd = Math.min(earliestEnd, end);
      }
    }
    closed.forEach(totals::remove);
    // the keys of a closed window are not seen again
    endPerSuffix.clear();
    return earliestEnd;
  }
}
