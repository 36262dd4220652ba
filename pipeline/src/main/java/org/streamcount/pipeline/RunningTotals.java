package org.streamcount.pipeline;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Adds the words counted since the previous firing to the running totals of their key and emits
 * the new total of every word that changed. The totals are the only state that outlives a firing,
 * so state grows with the number of distinct words, never with the input.
 *
 * <p>The key is a word or a shard of words (see {@link CountWords}); either way the totals of a
 * key are one value, read once and written once per firing, because Spark's state keeps each
 * value serialized and a per-word map state would rewrite the whole map on every put.
 */
final class RunningTotals extends DoFn<KV<String, Iterable<Map<String, Long>>>, KV<String, Long>> {
  private final Counter distinct = StreamCountMetrics.counter(StreamCountMetrics.DISTINCT_WORDS);

  @StateId("totals")
  private final StateSpec<ValueState<Map<String, Long>>> totalsSpec =
      StateSpecs.value(MapCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));

  @ProcessElement
  public void processElement(@Element KV<String, Iterable<Map<String, Long>>> counted,
      @StateId("totals") ValueState<Map<String, Long>> totalsState, OutputReceiver<KV<String, Long>> out) {
    Map<String, Long> sinceLastFiring = new HashMap<>();
    for (Map<String, Long> subtotals : counted.getValue()) {
      subtotals.forEach((word, n) -> sinceLastFiring.merge(word, n, Long::sum));
    }
    // Updated in place and written back: every runner hands a firing its own copy of the state
    // (Spark decodes it, the DirectRunner clones it per bundle), so no second copy is needed.
    Map<String, Long> stored = totalsState.read();
    Map<String, Long> totals = stored == null ? new HashMap<>() : stored;
    long newWords = 0;
    for (Map.Entry<String, Long> e : sinceLastFiring.entrySet()) {
      Long before = totals.get(e.getKey());
      long total = (before == null ? 0 : before) + e.getValue();
      if (before == null) {
        newWords++;
      }
      totals.put(e.getKey(), total);
      out.output(KV.of(e.getKey(), total));
    }
    totalsState.write(totals);
    distinct.inc(newWords);
  }
}
