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
 * <p>With windows, the keys are {@code word@start} and nothing closes ({@link
 * WindowClosing#NEVER}); {@link WatermarkClosedTotalsFn} closes them on the watermark.
 */
final class RunningTotalsFn
    extends DoFn<KV<String, Iterable<Map<String, Long>>>, KV<String, Long>> {
  /** Below this many recent words a shard never merges: small vocabularies keep one map. */
  static final int MERGE_AT_LEAST = 4_096;

  /** The new total of every word that changed, as long as its window is open. */
  static final TupleTag<KV<String, Long>> TOTALS = new TupleTag<KV<String, Long>>() {};

  /** The last total of every word of a window that closed. */
  static final TupleTag<KV<String, Long>> FINAL_TOTALS = new TupleTag<KV<String, Long>>() {};

  private final Counter distinct = StreamCountMetrics.counter(StreamCountMetrics.DISTINCT_WORDS);
  private final int mergeAtLeast;

  RunningTotalsFn() {
    this(MERGE_AT_LEAST);
  }

  /** With a smaller threshold, so that a test sees many merges with few words. */
  RunningTotalsFn(int mergeAtLeast) {
    this.mergeAtLeast = mergeAtLeast;
  }

  @StateId("versions")
  private final StateSpec<ValueState<KV<Long, Long>>> versionsSpec =
      StateSpecs.value(KvCoder.of(VarLongCoder.of(), VarLongCoder.of()));

  @StateId("settled")
  private final StateSpec<ValueState<byte[]>> settledSpec = StateSpecs.value(ByteArrayCoder.of());

  @StateId("recent")
  private final StateSpec<ValueState<byte[]>> recentSpec = StateSpecs.value(ByteArrayCoder.of());

  @ProcessElement
  public void processElement(
      @Element KV<String, Iterable<Map<String, Long>>> counted,
      @StateId("versions") ValueState<KV<Long, Long>> versionsState,
      @StateId("settled") ValueState<byte[]> settledState,
      @StateId("recent") ValueState<byte[]> recentState,
      MultiOutputReceiver out) {
    ShardTotals totals =
        new ShardTotals(counted.getKey(), versionsState, settledState, recentState);
    long newWords =
        totals.add(
            ShardTotals.sinceLastFiring(counted.getValue()),
            (word, total) -> out.get(TOTALS).output(KV.of(word, total)));
    if (totals.dueForMerge(mergeAtLeast)) {
      totals.settle(totals.all());
    } else {
      totals.write();
    }
    distinct.inc(newWords);
  }
}
