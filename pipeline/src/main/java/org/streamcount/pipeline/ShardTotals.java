package org.streamcount.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.values.KV;

/**
 * One key's running totals as its state holds them: the <em>settled</em> map, rewritten only now
 * and then, and the <em>recent</em> map of the words that changed since (see {@link
 * RunningTotalsFn} for why). Read lazily: a JVM that holds a map's version ({@link DecodedTotals})
 * never reads, and on Spark never decodes, that state.
 */
final class ShardTotals {
  private final String settledSlot;
  private final String recentSlot;
  private final ValueState<KV<Long, Long>> versionsState;
  private final ValueState<byte[]> settledState;
  private final ValueState<byte[]> recentState;
  private long settledVersion;
  private long recentVersion;
  private Map<String, Long> settled;
  private Map<String, Long> recent;

  /**
   * @param versionsState (version of the settled map, version of the recent map); {@link
   *     DecodedTotals#NONE} for none
   */
  ShardTotals(
      String key,
      ValueState<KV<Long, Long>> versionsState,
      ValueState<byte[]> settledState,
      ValueState<byte[]> recentState) {
    this.settledSlot = key + "/settled";
    this.recentSlot = key + "/recent";
    this.versionsState = versionsState;
    this.settledState = settledState;
    this.recentState = recentState;
    KV<Long, Long> versions = versionsState.read();
    settledVersion = versions == null ? DecodedTotals.NONE : versions.getKey();
    recentVersion = versions == null ? DecodedTotals.NONE : versions.getValue();
    settled =
        settledVersion == DecodedTotals.NONE
            ? Map.of()
            : DecodedTotals.shared(settledSlot, settledVersion, settledState.read());
    recent =
        recentVersion == DecodedTotals.NONE
            ? new HashMap<>()
            : DecodedTotals.exclusive(recentSlot, recentVersion, recentState.read());
  }

  /**
   * The subtotals of a firing, as one map.
   *
   * @param withStreamTime the maps also carry {@link CountWords#STREAM_TIME} (windowed keys only,
   *     none of which is empty), of which a firing of several bundles keeps the latest: summed like
   *     counts, two 2019 times made one of 2069, and every later word of the shard was dropped as
   *     late. Elsewhere the empty string is a word ({@code split:} keeps empty words) and is
   *     summed.
   */
  static Map<String, Long> sinceLastFiring(Iterable<Subtotals> subtotals, boolean withStreamTime) {
    Map<String, Long> since = new HashMap<>();
    for (Subtotals bundle : subtotals) {
      bundle
          .counts()
          .forEach(
              (word, n) ->
                  since.merge(
                      word,
                      n,
                      withStreamTime && word.equals(CountWords.STREAM_TIME)
                          ? Math::max
                          : Long::sum));
    }
    return since;
  }

  /** The word's total, or null if it has none. */
  Long get(String word) {
    Long total = recent.get(word);
    return total != null ? total : settled.get(word);
  }

  /**
   * Adds {@code counts} to the totals, hands each new total to {@code onTotal}, and returns how
   * many of the words had no total before.
   *
   * @param atStart a word's total where it has none yet: the table's, when a run goes on from it
   */
  long add(Map<String, Long> counts, Map<String, Long> atStart, BiConsumer<String, Long> onTotal) {
    long newWords = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      String word = e.getKey();
      Long before = get(word);
      if (before == null) {
        newWords++;
        before = atStart.get(word);
      }
      long total = (before == null ? 0 : before) + e.getValue();
      recent.put(word, total);
      onTotal.accept(word, total);
    }
    return newWords;
  }

  /** Every total, as a new map. */
  Map<String, Long> all() {
    Map<String, Long> all = new HashMap<>(settled);
    all.putAll(recent);
    return all;
  }

  /** Whether the recent map has grown to half the settled one (and at least {@code least}). */
  boolean dueForMerge(int least) {
    return recent.size() >= Math.max(least, settled.size() / 2);
  }

  /** Writes the recent map back. */
  void write() {
    recentVersion = DecodedTotals.newVersion();
    recentState.write(DecodedTotals.encode(recent));
    versionsState.write(KV.of(settledVersion, recentVersion));
    DecodedTotals.keep(recentSlot, recentVersion, recent);
  }

  /** Makes {@code totals} the settled map, with no recent words, and writes both. */
  void settle(Map<String, Long> totals) {
    settled = totals;
    settledVersion = DecodedTotals.newVersion();
    recent = new HashMap<>();
    settledState.write(DecodedTotals.encode(settled));
    DecodedTotals.keep(settledSlot, settledVersion, settled);
    write();
  }
}
