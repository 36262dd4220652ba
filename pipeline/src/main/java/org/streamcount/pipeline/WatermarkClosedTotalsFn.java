package org.streamcount.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * {@link RunningTotalsFn} for windows closed by {@link WindowClosing#WATERMARK}: the same running
 * totals per key, and a window closes once Beam's watermark (made from the records' own timestamps,
 * see {@link RecordTimeWatermark}) has passed its end plus the allowed lateness. An event-time
 * timer per key fires for the earliest window end it holds; the words of the windows that closed
 * leave the state and their totals go out once more, as final. Words of a window that has closed
 * are dropped and counted in {@code late-words-dropped}.
 *
 * <p>The watermark and not the latest timestamp seen decides because this runner delivers bundles
 * in any order (the DirectRunner runs them on several threads): the watermark waits for counts
 * still on their way. A key learns the watermark only from its own timers, and a shard that held no
 * word of a window has none for it; so the keys of one job graph in one JVM share the latest close
 * any of them made. Every word dropped was behind the watermark.
 */
final class WatermarkClosedTotalsFn
    extends DoFn<KV<String, Iterable<Subtotals>>, KV<String, WindowTotal>> {
  /** Per job graph, the end of the latest window any key of it closed in this JVM. */
  private static final Map<String, AtomicLong> CLOSED_UP_TO = new ConcurrentHashMap<>();

  private final Counter distinct = StreamCountMetrics.counter(StreamCountMetrics.DISTINCT_WORDS);
  private final int mergeAtLeast;
  private final EventTimeWindows windows;
  private final long latenessMillis;
  private final HashMap<String, Long> atStart;
  private final String graph = UUID.randomUUID().toString();
  private transient WindowCloser closer;
  private transient AtomicLong closedInJvm;

  /**
   * @param windows the windows of the keys ({@code word@start})
   * @param latenessMillis how far the watermark may be past a window's end and its words count
   * @param atStart a key's total where it has none yet (see {@link StartPoint#countsFrom})
   */
  WatermarkClosedTotalsFn(
      int mergeAtLeast, EventTimeWindows windows, long latenessMillis, Map<String, Long> atStart) {
    if (windows.isGlobal()) {
      throw new IllegalArgumentException("the global window never closes");
    }
    this.mergeAtLeast = mergeAtLeast;
    this.windows = windows;
    this.latenessMillis = latenessMillis;
    this.atStart = new HashMap<>(atStart);
  }

  @TimerId("close")
  private final TimerSpec closeSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  // The state of RunningTotalsFn: Beam refuses state declared in a superclass the two could share.
  @StateId("versions")
  private final StateSpec<ValueState<KV<Long, Long>>> versionsSpec =
      StateSpecs.value(KvCoder.of(VarLongCoder.of(), VarLongCoder.of()));

  @StateId("settled")
  private final StateSpec<ValueState<byte[]>> settledSpec = StateSpecs.value(ByteArrayCoder.of());

  @StateId("recent")
  private final StateSpec<ValueState<byte[]>> recentSpec = StateSpecs.value(ByteArrayCoder.of());

  /** (end of the last window this key closed, earliest end of a window in the state), millis. */
  @StateId("clock")
  private final StateSpec<ValueState<KV<Long, Long>>> clockSpec =
      StateSpecs.value(KvCoder.of(VarLongCoder.of(), VarLongCoder.of()));

  @Setup
  public void setup() {
    closer = new WindowCloser(windows);
    closedInJvm = CLOSED_UP_TO.computeIfAbsent(graph, g -> new AtomicLong(Long.MIN_VALUE));
  }

  @ProcessElement
  public void processElement(
      @Element KV<String, Iterable<Subtotals>> counted,
      @StateId("versions") ValueState<KV<Long, Long>> versionsState,
      @StateId("settled") ValueState<byte[]> settledState,
      @StateId("recent") ValueState<byte[]> recentState,
      @StateId("clock") ValueState<KV<Long, Long>> clockState,
      @TimerId("close") Timer close,
      MultiOutputReceiver out) {
    Map<String, Long> sinceLastFiring = ShardTotals.sinceLastFiring(counted.getValue(), false);
    KV<Long, Long> clock = clockState.read();
    long closedUpTo = clock == null ? Long.MIN_VALUE : clock.getKey();
    long earliestEnd = clock == null ? Long.MAX_VALUE : clock.getValue();
    long earliestBefore = earliestEnd;
    earliestEnd =
        closer.dropLate(sinceLastFiring, Math.max(closedUpTo, closedInJvm.get()), earliestBefore);
    if (earliestEnd < earliestBefore) {
      close.set(new Instant(earliestEnd + latenessMillis));
    }
    clockState.write(KV.of(closedUpTo, earliestEnd));
    if (sinceLastFiring.isEmpty()) {
      return;
    }
    ShardTotals totals =
        new ShardTotals(counted.getKey(), versionsState, settledState, recentState);
    long newWords =
        totals.add(
            sinceLastFiring,
            atStart,
            (word, total) ->
                out.get(RunningTotalsFn.WINDOW_TOTALS)
                    .output(KV.of(word, WindowTotal.open(total))));
    if (totals.dueForMerge(mergeAtLeast)) {
      totals.settle(totals.all());
    } else {
      totals.write();
    }
    distinct.inc(newWords);
  }

  /**
   * The watermark has passed the end of this key's earliest window plus the allowed lateness: every
   * window that ends there or before closes.
   */
  @OnTimer("close")
  public void onClose(
      OnTimerContext context,
      @Key String key,
      @StateId("versions") ValueState<KV<Long, Long>> versionsState,
      @StateId("settled") ValueState<byte[]> settledState,
      @StateId("recent") ValueState<byte[]> recentState,
      @StateId("clock") ValueState<KV<Long, Long>> clockState,
      @TimerId("close") Timer close,
      MultiOutputReceiver out) {
    long closeUpTo = context.fireTimestamp().getMillis() - latenessMillis;
    ShardTotals totals = new ShardTotals(key, versionsState, settledState, recentState);
    Map<String, Long> open = totals.all();
    long earliestEnd = closer.close(open, closeUpTo, out.get(RunningTotalsFn.WINDOW_TOTALS));
    totals.settle(open);
    KV<Long, Long> clock = clockState.read();
    long closedUpTo = Math.max(clock == null ? Long.MIN_VALUE : clock.getKey(), closeUpTo);
    clockState.write(KV.of(closedUpTo, earliestEnd));
    closedInJvm.accumulateAndGet(closeUpTo, Math::max);
    if (earliestEnd != Long.MAX_VALUE) {
      close.set(new Instant(earliestEnd + latenessMillis));
    }
  }
}
