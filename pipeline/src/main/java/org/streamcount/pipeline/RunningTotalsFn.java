package org.streamcount.pipeline;

import java.util.HashMap;
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

/**
 * Adds the words counted since the previous firing to the running totals of their key and emits the
 * new total of every word that changed. The totals are the only state that outlives a firing, so
 * state grows with the number of distinct words, never with the input.
 *
 * <p>The key is a word or a shard of words (see {@link CountWords}). A shard's totals are two maps:
 * the <em>settled</em> totals, rewritten only now and then, and the <em>recent</em> totals of the
 * words that changed since. A firing writes only the recent map; once it has grown to half the
 * settled one, the two are merged into a new settled map. So the work of a firing follows the words
 * that changed, not every word the shard ever saw, and each version of the state that a runner
 * keeps (Spark keeps the versions of about 20 batches in memory) shares the settled bytes.
 *
 * <p>The maps are stored encoded ({@code byte[]}), each with a random version, and kept decoded in
 * this JVM by {@link DecodedTotals}; a firing decodes a map only when this JVM does not hold that
 * version: Spark decodes state on every read, and the DirectRunner copies state through its coder
 * on every access, which for a {@code byte[]} is one array copy.
 */
final class RunningTotalsFn
    extends DoFn<KV<String, Iterable<Map<String, Long>>>, KV<String, Long>> {
  /** Below this many recent words a shard never merges: small vocabularies keep one map. */
  static final int MERGE_AT_LEAST = 4_096;

  private final Counter distinct = StreamCountMetrics.counter(StreamCountMetrics.DISTINCT_WORDS);
  private final int mergeAtLeast;

  RunningTotalsFn() {
    this(MERGE_AT_LEAST);
  }

  /** With a smaller threshold, so that a test sees many merges with few words. */
  RunningTotalsFn(int mergeAtLeast) {
    this.mergeAtLeast = mergeAtLeast;
  }

  /**
   * (version of the settled map, version of the recent map); {@link DecodedTotals#NONE} for none.
   */
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
      OutputReceiver<KV<String, Long>> out) {
    Map<String, Long> sinceLastFiring = new HashMap<>();
    for (Map<String, Long> subtotals : counted.getValue()) {
      subtotals.forEach((word, n) -> sinceLastFiring.merge(word, n, Long::sum));
    }
    String key = counted.getKey();
    String settledSlot = key + "/settled";
    String recentSlot = key + "/recent";
    KV<Long, Long> versions = versionsState.read();
    long settledVersion = versions == null ? DecodedTotals.NONE : versions.getKey();
    long recentVersion = versions == null ? DecodedTotals.NONE : versions.getValue();

    // Read lazily: a JVM that holds the version never reads (on Spark: never decodes) the state.
    Map<String, Long> settled =
        settledVersion == DecodedTotals.NONE
            ? Map.of()
            : DecodedTotals.shared(settledSlot, settledVersion, settledState.read());
    Map<String, Long> recent =
        recentVersion == DecodedTotals.NONE
            ? new HashMap<>()
            : DecodedTotals.exclusive(recentSlot, recentVersion, recentState.read());

    long newWords = 0;
    for (Map.Entry<String, Long> e : sinceLastFiring.entrySet()) {
      String word = e.getKey();
      Long before = recent.get(word);
      if (before == null) {
        before = settled.get(word);
      }
      if (before == null) {
        newWords++;
      }
      long total = (before == null ? 0 : before) + e.getValue();
      recent.put(word, total);
      out.output(KV.of(word, total));
    }

    if (recent.size() >= Math.max(mergeAtLeast, settled.size() / 2)) {
      Map<String, Long> merged = new HashMap<>(settled);
      merged.putAll(recent);
      settledVersion = DecodedTotals.newVersion();
      recent = new HashMap<>();
      settledState.write(DecodedTotals.encode(merged));
      DecodedTotals.keep(settledSlot, settledVersion, merged);
    }
    recentVersion = DecodedTotals.newVersion();
    recentState.write(DecodedTotals.encode(recent));
    versionsState.write(KV.of(settledVersion, recentVersion));
    DecodedTotals.keep(recentSlot, recentVersion, recent);
    distinct.inc(newWords);
  }
}
