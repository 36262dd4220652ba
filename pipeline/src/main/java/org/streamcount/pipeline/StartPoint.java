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
 * checkpoint) reads where its start mode says and, for {@code latest}, starts each word from its
 * total in {@code totals}; otherwise the table's totals only keep older totals from going out.
 */
public final class StartPoint implements Serializable {
  private static final long serialVersionUID = 1L;

  private final boolean tracked;
  private final boolean countsFromTable;
  private final HashMap<String, Long> offsets;
  private final HashMap<String, Long> totals;
  private final HashMap<String, Coverage> countedAbove;

  private StartPoint(
      boolean tracked,
      boolean countsFromTable,
      Map<String, Long> offsets,
      Map<String, Long> totals,
      Map<String, Coverage> countedAbove) {
    this.tracked = tracked;
    this.countsFromTable = countsFromTable;
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
    return new StartPoint(true, true, offsets, totals, countedAbove);
  }

  /**
   * A run that counts from zero: it recounts, or a Spark checkpoint holds its counts.
   *
   * @param tableTotals what the table held
   */
  public static StartPoint untracked(Map<String, Long> tableTotals) {
    return new StartPoint(false, false, Map.of(), tableTotals, Map.of());
  }

  /** {@code latest}, untracked: each word's count starts from its total in the table. */
  public static StartPoint continuing(Map<String, Long> tableTotals) {
    return new StartPoint(false, true, Map.of(), tableTotals, Map.of());
  }

  public boolean tracked() {
    return tracked;
  }

  public Map<String, Long> offsets() {
    return offsets;
  }

  /** What the table held at the start: no total of a word goes out below its total here. */
  public Map<String, Long> totals() {
    return totals;
  }

  /** A word's total before this run counts it: the table's, or none for a run from zero. */
  public Map<String, Long> countsFrom() {
    return countsFromTable ? totals : Map.of();
  }

  /**
   * This start without what a count never reads, for a job graph to carry: the table's totals of a
   * run that counts from zero.
   */
  StartPoint forCounting() {
    return countsFromTable ? this : new StartPoint(tracked, false, offsets, Map.of(), countedAbove);
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
        : (countsFromTable ? "continuing from " : "untracked, ") + totals.size() + " table totals";
  }
}
