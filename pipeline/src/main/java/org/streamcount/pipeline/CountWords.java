package org.streamcount.pipeline;

import java.time.Duration;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterFirst;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.Trigger.OnceTrigger;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Lines to running totals of their words: one global window that never closes, fired repeatedly by
 * processing time (and optionally by element count), emitting at each firing the total so far of
 * every word that changed since the previous firing and nothing for the others. The latest total of
 * a word is its current count.
 *
 * <p>This is {@code Count.perElement()} with accumulating panes, built so that its state stays
 * bounded. Neither the DirectRunner nor Spark streaming lifts a combiner under a custom trigger:
 * their grouping buffers every element it is given, and with accumulating panes that buffer is
 * never cleared, so memory and the work of each firing grow with the input for as long as the job
 * runs. Here the grouping discards what it fired, and the accumulation lives in {@link
 * RunningTotalsFn}: one number per distinct word.
 *
 * <ul>
 *   <li>{@link CountWithinBundleFn}: each bundle's lines are split and their words counted before
 *       the shuffle, so only one map of subtotals per key and bundle crosses it.
 *   <li>Keys: the word itself, or with {@code shards > 0} one of that many shards of words. A
 *       runner that does work per key and firing (the DirectRunner runs every key of a firing as
 *       its own bundle through every later step) does that work per shard instead of per word.
 *   <li>Global window, repeated trigger, discarding panes: the counts since the last firing.
 *   <li>{@link RunningTotalsFn}: adds them to the totals of their key and emits what changed.
 * </ul>
 */
public final class CountWords extends PTransform<PCollection<Line>, PCollectionTuple> {
  /** The running totals: at each firing, the new total of every word that changed. */
  public static final TupleTag<KV<String, Long>> TOTALS = RunningTotalsFn.TOTALS;

  /**
   * Windows, instead of {@link #TOTALS}: the running totals of open windows and, once a window has
   * closed, the final total of each of its words.
   */
  public static final TupleTag<KV<String, WindowTotal>> WINDOW_TOTALS =
      RunningTotalsFn.WINDOW_TOTALS;

  /**
   * Tracking coverage (see {@link #from}), instead of {@link #TOTALS}, keyed by shard: a firing's
   * new totals with the lines they count, then the shard's progress.
   */
  public static final TupleTag<KV<String, CoveredTotals>> COVERED_TOTALS =
      RunningTotalsFn.COVERED_TOTALS;

  /**
   * The entry of a shard's subtotals that carries the stream time, with {@link
   * WindowClosing#STREAM_TIME} (no windowed key is empty: each ends in {@code @start}).
   */
  static final String STREAM_TIME = "";

  private final LineWords words;
  private final EventTimeWindows windows;
  private final WindowClosing closing;
  private final Duration allowedLateness;
  private final Duration delay;
  private final Long everyElements;
  private final int shards;
  private final StartPoint start;
  private final KafkaClients kafka;

  private CountWords(
      LineWords words,
      EventTimeWindows windows,
      WindowClosing closing,
      Duration allowedLateness,
      Duration delay,
      Long everyElements,
      int shards,
      StartPoint start,
      KafkaClients kafka) {
    this.words = words;
    this.windows = windows;
    this.closing = closing;
    this.allowedLateness = allowedLateness;
    this.delay = delay;
    this.everyElements = everyElements;
    this.shards = shards;
    this.start = start;
    this.kafka = kafka;
  }

  /**
   * Counts the words {@code tokenizer} finds, up to {@code maxWordLength} characters each (longer
   * ones are tallied in {@code words-too-long}), keyed by word, firing one second after the first
   * new word of a pane.
   */
  public static CountWords of(Tokenizer tokenizer, int maxWordLength) {
    return new CountWords(
        new LineWords(tokenizer, maxWordLength),
        EventTimeWindows.global(),
        WindowClosing.WATERMARK,
        Duration.ZERO,
        Duration.ofSeconds(1),
        null,
        0,
        StartPoint.untracked(Map.of()),
        null);
  }

  /**
   * The same count with another trigger.
   *
   * @param delay fire this long (processing time) after the first new word of a pane
   * @param everyElements also fire once this many new words arrived for a key; null for time only
   */
  public CountWords firingAfter(Duration delay, Long everyElements) {
    return new CountWords(
        words, windows, closing, allowedLateness, delay, everyElements, shards, start, kafka);
  }

  /**
   * The same count per window of event time: each word of a line counts under {@code word@start}
   * for every window of the line's timestamp (see {@link EventTimeWindows}).
   */
  public CountWords inWindows(EventTimeWindows windows) {
    return new CountWords(
        words, windows, closing, allowedLateness, delay, everyElements, shards, start, kafka);
  }

  /**
   * Windows close once the watermark (or, with {@link WindowClosing#STREAM_TIME}, the latest record
   * timestamp of an earlier firing) is {@code lateness} past their end; words of a closed window
   * are dropped and counted in {@code late-words-dropped}.
   */
  public CountWords withAllowedLateness(Duration lateness) {
    if (lateness.isNegative()) {
      throw new IllegalArgumentException("allowed lateness must not be negative: " + lateness);
    }
    return new CountWords(
        words, windows, closing, lateness, delay, everyElements, shards, start, kafka);
  }

  /** The same count with windows closed by {@code closing}. */
  public CountWords closedBy(WindowClosing closing) {
    return new CountWords(
        words, windows, closing, allowedLateness, delay, everyElements, shards, start, kafka);
  }

  /** The same count keyed by {@code shards} shards of words (0: by word). */
  public CountWords inShards(int shards) {
    if (shards < 0) {
      throw new IllegalArgumentException(
          "shards must be 0 (one key per word) or more, not " + shards);
    }
    return new CountWords(
        words, windows, closing, allowedLateness, delay, everyElements, shards, start, kafka);
  }

  /**
   * The same count from {@code start}: each word starts from its total in {@link
   * StartPoint#countsFrom}; when it tracks coverage, each shard's totals know which lines they
   * count, and go out on {@link #COVERED_TOTALS} with them (global window and shards only); {@code
   * kafka} is asked whether a gap between the lines read holds any record (see {@link GapProbe}).
   */
  public CountWords from(StartPoint start, KafkaClients kafka) {
    return new CountWords(
        words, windows, closing, allowedLateness, delay, everyElements, shards, start, kafka);
  }

  /**
   * With windows, a pane waiting for its firing holds the watermark at its earliest count, so that
   * no window closes under words not yet added.
   */
  private Window<KV<String, Subtotals>> windowing() {
    Window<KV<String, Subtotals>> window =
        Window.<KV<String, Subtotals>>into(new GlobalWindows())
            .triggering(trigger())
            .withAllowedLateness(org.joda.time.Duration.ZERO)
            .discardingFiredPanes();
    return windows.isGlobal() ? window : window.withTimestampCombiner(TimestampCombiner.EARLIEST);
  }

  /**
   * The running totals step, with one output, read once: Spark caches the elements of a step read
   * more than once, and where a cached block does not fit in memory it computes the step again for
   * the next reader, which runs a stateful step's firing twice (a word doubled, in {@code
   * SparkRunnerEndToEndIT.countsStayExactWhenSparkDropsCachedBlocks}). So the final totals of
   * windows travel with the running ones ({@link WindowTotal}), and an output nobody reads would
   * also cost a job of its own per batch.
   */
  private PCollectionTuple runningTotals(PCollection<KV<String, Iterable<Subtotals>>> fired) {
    int merge = RunningTotalsFn.MERGE_AT_LEAST;
    if (start.tracked()) {
      return fired.apply(
          "RunningTotals",
          ParDo.of(
                  new RunningTotalsFn<KV<String, CoveredTotals>>(merge, start, new GapProbe(kafka)))
              .withOutputTags(COVERED_TOTALS, TupleTagList.empty()));
    }
    if (windows.isGlobal()) {
      return fired.apply(
          "RunningTotals",
          ParDo.of(new RunningTotalsFn<KV<String, Long>>(merge, start, null))
              .withOutputTags(TOTALS, TupleTagList.empty()));
    }
    long lateness = allowedLateness.toMillis();
    DoFn<KV<String, Iterable<Subtotals>>, KV<String, WindowTotal>> windowed =
        closing == WindowClosing.STREAM_TIME
            ? new RunningTotalsFn<>(merge, windows, lateness, start)
            : new WatermarkClosedTotalsFn(merge, windows, lateness, start.countsFrom());
    PCollectionTuple totals =
        fired.apply(
            "RunningTotals",
            ParDo.of(windowed).withOutputTags(WINDOW_TOTALS, TupleTagList.empty()));
    totals.get(WINDOW_TOTALS).setCoder(KvCoder.of(StringUtf8Coder.of(), WindowTotal.CODER));
    return totals;
  }

  Trigger trigger() {
    if (delay.isZero() && everyElements == null) {
      // No timer to wait for: the pane fires in the bundle that filled it. On Spark that is the
      // micro-batch that read the words; a processing-time timer is looked at only when its key
      // comes up in a later micro-batch's shuffle, a batch later at best.
      return Repeatedly.forever(AfterPane.elementCountAtLeast(1));
    }
    OnceTrigger byTime =
        AfterProcessingTime.pastFirstElementInPane()
            .plusDelayOf(org.joda.time.Duration.millis(delay.toMillis()));
    OnceTrigger fire =
        everyElements == null
            ? byTime
            : AfterFirst.of(byTime, AfterPane.elementCountAtLeast(Math.toIntExact(everyElements)));
    return Repeatedly.forever(fire);
  }

  @Override
  public PCollectionTuple expand(PCollection<Line> lines) {
    // An element-count trigger counts words, so it needs the words one by one; otherwise each
    // bundle is counted first and only one map of subtotals per key crosses the shuffle.
    if (everyElements != null && !windows.isGlobal()) {
      throw new IllegalArgumentException(
          "an element-count trigger counts words one by one, outside windows");
    }
    boolean byStreamTime = !windows.isGlobal() && closing == WindowClosing.STREAM_TIME;
    if (byStreamTime && shards == 0) {
      // keyed by word, a key would hear the stream time only when its word comes again
      throw new IllegalArgumentException("windows closed by stream time are counted in shards");
    }
    if (start.tracked() && (!windows.isGlobal() || shards == 0 || everyElements != null)) {
      // a shard hears of every line; a word's key, or a word one by one, would not
      throw new IllegalArgumentException(
          "coverage is tracked in the global window, in shards, with a trigger by time");
    }
    int keys = shards; // a local, so that the lambda below does not capture this transform
    PCollection<KV<String, Subtotals>> counted =
        everyElements == null
            ? lines.apply(
                "CountWithinBundle",
                ParDo.of(new CountWithinBundleFn(words, windows, keys, byStreamTime, start)))
            : lines
                .apply("ExtractWords", ParDo.of(new ExtractWordsFn(words)))
                .apply(
                    "OneEach",
                    MapElements.into(
                            TypeDescriptors.kvs(
                                TypeDescriptors.strings(), TypeDescriptor.of(Subtotals.class)))
                        .via(word -> KV.of(keyOf(word, keys), Subtotals.of(Map.of(word, 1L)))));
    PCollectionTuple totals =
        runningTotals(
            counted
                .setCoder(KvCoder.of(StringUtf8Coder.of(), Subtotals.CODER))
                .apply("GlobalWindowRepeatedTrigger", windowing())
                .apply("CountedSinceLastFiring", GroupByKey.create()));
    if (start.tracked()) {
      totals.get(COVERED_TOTALS).setCoder(KvCoder.of(StringUtf8Coder.of(), CoveredTotals.CODER));
    }
    return totals;
  }

  /**
   * String.hashCode is specified, so a word lands in the same shard in every JVM and after
   * restarts.
   */
  static String keyOf(String word, int shards) {
    return shards == 0 ? word : shardKey(shardOf(word, shards));
  }

  /**
   * The top bits of the word's hash times the golden ratio, scaled to {@code shards}: every bit of
   * the hash moves them. A shard's words then spread over the buckets of the HashMaps that count
   * and total them, which index by the hash's low bits; a shard taken from those low bits (hash mod
   * shards) left each map a fraction of its buckets, and short words, whose hashes have no high
   * bits to mix in, piled up in a few.
   */
  static int shardOf(String word, int shards) {
    return shardOfHash(word.hashCode(), shards);
  }

  /** {@link #shardOf} a word whose {@code hashCode()} is {@code hash}. */
  static int shardOfHash(int hash, int shards) {
    long mixed = Integer.toUnsignedLong(hash * 0x9E3779B9);
    return (int) ((mixed * shards) >>> 32);
  }

  static String shardKey(int shard) {
    return SHARD_PREFIX + shard;
  }

  /** The shard a {@link #shardKey} names. */
  static int shardOfKey(String key) {
    return Integer.parseInt(key.substring(SHARD_PREFIX.length()));
  }

  private static final String SHARD_PREFIX = "shard-";
}
