package org.streamcount.pipeline;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a run starts reading and what its counts start from, decided once by the launch from the
 * output topic (see {@code TableAtStart}).
 *
 * <p>A <em>tracking</em> run publishes every total with the lines it counts ({@link Coverage}) and
 * each shard's progress, reads each input partition from {@code offsets}, starts each word from its
 * total in {@code totals}, and drops a word of a re-read line that its total already counts ({@code
 * countedAbove}: the words whose coverage reaches above {@code offsets}). So the output topic alone
 * is the state. An untracked run (windows, counts keyed by word, an element-count trigger, a Spark
 * checkpoint) reads where its start mode says and, for {@code latest}, adds {@code totals}.
 */
public final class StartPoint implements Serializable {
  private static final long serialVersionUID = 1L;

  private final boolean tracked;
  private final HashMap<String, Long> offsets;
  private final HashMap<String, Long> totals;
  private final HashMap<String, Coverage> countedAbove;

  private StartPoint(
      boolean tracked,
      Map<String, Long> offsets,
      Map<String, Long> totals,
      Map<String, Coverage> countedAbove) {
    this.tracked = tracked;
    this.offsets = new HashMap<>(offsets);
    this.totals = new HashMap<>(totals);
    this.countedAbove = new HashMap<>(countedAbove);
  }

  /**
   * @param offsets partition ({@link Coverage#partitionName}) -> first offset to read; a partition
   *     not named starts at its beginning
   * @param totals word -> total the count starts from
   * @param countedAbove word -> the lines at or above {@code offsets} its total already counts
   */
  public static StartPoint tracking(
      Map<String, Long> offsets, Map<String, Long> totals, Map<String, Coverage> countedAbove) {
    return new StartPoint(true, offsets, totals, countedAbove);
  }

  /**
   * @param tableTotals what the table held, added to this run's counts (only for {@code latest})
   */
  public static StartPoint untracked(Map<String, Long> tableTotals) {
    return new StartPoint(false, Map.of(), tableTotals, Map.of());
  }

  public boolean tracked() {
    return tracked;
  }

  public Map<String, Long> offsets() {
    return offsets;
  }

  public Map<String, Long> totals() {
    return totals;
  }

  public Map<String, Coverage> countedAbove() {
    return countedAbove;
  }

  /** What every shard covers before it reads a line: everything below the start offsets. */
  Coverage coveredAtStart() {
    return Coverage.below(offsets);
  }

  @Override
  public String toString() {
    return tracked
        ? "tracking from "
            + offsets
            + ", "
            + totals.size()
            + " totals, "
            + countedAbove.size()
            + " counted above"
        : "untracked, " + totals.size() + " table totals";
  }
}
