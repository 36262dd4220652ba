package org.streamcount.pipeline;

import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Adds the words counted since the previous firing to the running totals of their key and emits the
 * new total of every word that changed. The totals are the only state that outlives a firing, so
 * state grows with the number of distinct words, never with the input.
 *
 * <p>The key is a word or a shard of words (see {@link CountWords}). A shard's totals are two maps
 * ({@link ShardTotals}): the <em>settled</em> totals, rewritten only now and then, and the
 * <em>recent</em> totals of the words that changed since. A firing writes only the recent map; once
 * it has grown to half the settled one, the two are merged into a new settled map. So the work of a
 * firing follows the words that changed, not every word the shard ever saw, and each version of the
 * state that a runner keeps (Spark keeps the versions of about 20 batches in memory) shares the
 * settled bytes. The maps are stored encoded ({@code byte[]}) and kept decoded in this JVM by
 * {@link DecodedTotals}: Spark decodes state on every read, and the DirectRunner copies state
 * through its coder on every access, which for a {@code byte[]} is one array copy.
 *
 * <p>With windows closed by {@link WindowClosing#STREAM_TIME}, each shard also keeps the stream
 * time: the latest record timestamp of the lines counted, which {@link CountWithinBundleFn} sends
 * every shard with each bundle. Words of a window that had ended, plus the allowed lateness, at the
 * stream time of the firings before are late: dropped and counted in {@code late-words-dropped}.
 * Once a firing's stream time passes a window's end plus the lateness, the window closes: its words
 * leave the state and their totals go out once more, as final ({@link #WINDOW_TOTALS}). This holds
 * on a runner that counts micro-batches one after the other (Spark); one that delivers bundles in
 * any order needs the watermark ({@link WatermarkClosedTotalsFn}).
 */
final class RunningTotalsFn<OutputT> extends DoFn<KV<String, Iterable<Subtotals>>, OutputT> {
  /** Below this many recent words a shard never merges: small vocabularies keep one map. */
  static final int MERGE_AT_LEAST = 4_096;

  /** All time: the new total of every word that changed. */
  static final TupleTag<KV<String, Long>> TOTALS = new TupleTag<KV<String, Long>>() {};

  /**
   * Windows: the new total of every word that changed while its window is open, and the last total
   * of every word of a window that closed, marked final.
   */
  static final TupleTag<KV<String, WindowTotal>> WINDOW_TOTALS =
      new TupleTag<KV<String, WindowTotal>>() {};

  /**
   * Tracking coverage, keyed by shard: the firing's new totals with the lines they count, then the
   * shard's progress.
   */
  static final TupleTag<KV<String, CoveredTotals>> COVERED_TOTALS =
      new TupleTag<KV<String, CoveredTotals>>() {};

  private final Counter distinct = StreamCountMetrics.counter(StreamCountMetrics.DISTINCT_WORDS);
  private final int mergeAtLeast;
  private final EventTimeWindows windows;
  private final long latenessMillis;

  /**
   * Where the count starts: a word's total where its key has none yet ({@link
   * StartPoint#countsFrom}) and, if it tracks coverage (global window only), what the table counts.
   */
  private final StartPoint start;

  /** Tracking: closes the gaps transaction markers leave between bundles. */
  private final GapProbe gaps;

  private transient WindowCloser closer;
  private transient Coverage coveredAtStart;

  /** All time, from nothing, with a smaller threshold, so that a test sees many merges. */
  RunningTotalsFn(int mergeAtLeast) {
    this(mergeAtLeast, StartPoint.untracked(Map.of()), null);
  }

  /**
   * All time from {@code start}, emitting on {@link #TOTALS}; or, if it tracks coverage, with the
   * totals starting from the table's, each shard keeping which lines its totals count, and a firing
   * emitting on {@link #COVERED_TOTALS} its new totals with what they count, then the shard's
   * progress ({@link CoveredTotals#progress}).
   */
  RunningTotalsFn(int mergeAtLeast, StartPoint start, GapProbe gaps) {
    this(mergeAtLeast, EventTimeWindows.global(), 0, start, gaps);
  }

  /**
   * Per window, closed by stream time, emitting on {@link #WINDOW_TOTALS}.
   *
   * @param windows the windows of the keys ({@code word@start})
   * @param latenessMillis how far the stream time may be past a window's end and its words count
   */
  RunningTotalsFn(
      int mergeAtLeast, EventTimeWindows windows, long latenessMillis, StartPoint start) {
    this(mergeAtLeast, windows, latenessMillis, start, null);
    if (windows.isGlobal() || start.tracked()) {
      throw new IllegalArgumentException("totals per window need windows, and track no coverage");
    }
  }

  private RunningTotalsFn(
      int mergeAtLeast,
      EventTimeWindows windows,
      long latenessMillis,
      StartPoint start,
      GapProbe gaps) {
    this.mergeAtLeast = mergeAtLeast;
    this.windows = windows;
    this.latenessMillis = latenessMillis;
    this.start = start.forCounting();
    this.gaps = gaps;
  }

  @StateId("versions")
  private final StateSpec<ValueState<KV<Long, Long>>> versionsSpec =
      StateSpecs.value(KvCoder.of(VarLongCoder.of(), VarLongCoder.of()));

  @StateId("settled")
  private final StateSpec<ValueState<byte[]>> settledSpec = StateSpecs.value(ByteArrayCoder.of());

  @StateId("recent")
  private final StateSpec<ValueState<byte[]>> recentSpec = StateSpecs.value(ByteArrayCoder.of());

  /** Windows only: (stream time, earliest end of a window in the state), epoch millis. */
  @StateId("clock")
  private final StateSpec<ValueState<KV<Long, Long>>> clockSpec =
      StateSpecs.value(KvCoder.of(VarLongCoder.of(), VarLongCoder.of()));

  /** Tracking: the lines the shard's totals count. */
  @StateId("covered")
  private final StateSpec<ValueState<Coverage>> coveredSpec =
      StateSpecs.value(Coverage.CoverageCoder.INSTANCE);

  @Setup
  public void setup() {
    closer = new WindowCloser(windows);
    coveredAtStart = start.tracked() ? start.coveredAtStart() : null;
  }

  @ProcessElement
  public void processElement(
      @Element KV<String, Iterable<Subtotals>> counted,
      @StateId("versions") ValueState<KV<Long, Long>> versionsState,
      @StateId("settled") ValueState<byte[]> settledState,
      @StateId("recent") ValueState<byte[]> recentState,
      @StateId("clock") ValueState<KV<Long, Long>> clockState,
      @StateId("covered") ValueState<Coverage> coveredState,
      MultiOutputReceiver out) {
    Map<String, Long> sinceLastFiring =
        ShardTotals.sinceLastFiring(counted.getValue(), !windows.isGlobal());
    if (start.tracked()) {
      addCovered(
          counted, sinceLastFiring, versionsState, settledState, recentState, coveredState, out);
      return;
    }
    long streamTime = Long.MIN_VALUE;
    long earliestEnd = Long.MAX_VALUE;
    long closeUpTo = Long.MIN_VALUE;
    if (!windows.isGlobal()) {
      KV<Long, Long> clock = clockState.read();
      if (clock != null) {
        streamTime = clock.getKey();
        earliestEnd = clock.getValue();
      }
      Long paneTime = sinceLastFiring.remove(CountWords.STREAM_TIME);
      earliestEnd = closer.dropLate(sinceLastFiring, closingEnd(streamTime), earliestEnd);
      if (paneTime != null) {
        streamTime = Math.max(streamTime, paneTime);
      }
      closeUpTo = closingEnd(streamTime);
    }
    boolean closing = earliestEnd <= closeUpTo;
    if (!sinceLastFiring.isEmpty() || closing) {
      ShardTotals totals =
          new ShardTotals(counted.getKey(), versionsState, settledState, recentState);
      long closes = closeUpTo;
      long newWords =
          totals.add(
              sinceLastFiring,
              start.countsFrom(),
              (word, total) -> {
                if (windows.isGlobal()) {
                  out.get(TOTALS).output(KV.of(word, total));
                } else if (!closing || closer.endOf(word) > closes) {
                  // a word whose window closes in this firing goes out once, as final
                  out.get(WINDOW_TOTALS).output(KV.of(word, WindowTotal.open(total)));
                }
              });
      if (closing) {
        Map<String, Long> open = totals.all();
        earliestEnd = closer.close(open, closeUpTo, out.get(WINDOW_TOTALS));
        totals.settle(open);
      } else if (totals.dueForMerge(mergeAtLeast)) {
        totals.settle(totals.all());
      } else {
        totals.write();
      }
      distinct.inc(newWords);
    }
    if (!windows.isGlobal()) {
      clockState.write(KV.of(streamTime, earliestEnd));
    }
  }

  /**
   * Tracking coverage: the shard covers what it covered plus the lines of the firing's bundles; a
   * word's new total counts those, and the lines its total at the start counted above the start.
   * The progress goes out after the totals, so that it is published only once they are.
   */
  private void addCovered(
      KV<String, Iterable<Subtotals>> counted,
      Map<String, Long> sinceLastFiring,
      ValueState<KV<Long, Long>> versionsState,
      ValueState<byte[]> settledState,
      ValueState<byte[]> recentState,
      ValueState<Coverage> coveredState,
      MultiOutputReceiver out) {
    Coverage before = coveredState.read();
    Coverage covered = before == null ? coveredAtStart : before;
    for (Subtotals bundle : counted.getValue()) {
      if (bundle.read() != null) {
        covered = covered.union(bundle.read());
      }
    }
    if (gaps != null) {
      covered = gaps.closeEmptyGaps(covered);
    }
    Coverage coveredNow = covered;
    if (!sinceLastFiring.isEmpty()) {
      ShardTotals totals =
          new ShardTotals(counted.getKey(), versionsState, settledState, recentState);
      Map<String, Coverage> countedAbove = start.countedAbove();
      CoveredTotals.Builder firing = new CoveredTotals.Builder(coveredNow);
      long newWords =
          totals.add(
              sinceLastFiring,
              start.countsFrom(),
              (word, total) -> {
                Coverage earlier = countedAbove.get(word);
                if (earlier == null) {
                  firing.add(word, total);
                } else {
                  // also counts lines above the start that its total then held
                  out.get(COVERED_TOTALS)
                      .output(
                          KV.of(
                              counted.getKey(),
                              CoveredTotals.one(word, total, coveredNow.union(earlier))));
                }
              });
      if (!firing.isEmpty()) {
        out.get(COVERED_TOTALS).output(KV.of(counted.getKey(), firing.build()));
      }
      if (totals.dueForMerge(mergeAtLeast)) {
        totals.settle(totals.all());
      } else {
        totals.write();
      }
      distinct.inc(newWords);
    }
    if (!covered.equals(before)) {
      coveredState.write(covered);
      out.get(COVERED_TOTALS).output(KV.of(counted.getKey(), CoveredTotals.progress(covered)));
    }
  }

  /**
   * The latest window end that is closed at {@code streamTime}: the stream time has passed it plus
   * the lateness, as an event-time timer fires once the watermark has passed its time.
   */
  private long closingEnd(long streamTime) {
    return streamTime == Long.MIN_VALUE ? Long.MIN_VALUE : streamTime - latenessMillis - 1;
  }
}
