package org.streamcount.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * Splits the lines of one bundle into words and counts them before the shuffle, emitting per key
 * one map of those counts: the line {@code kafka kafka streams} leaves keyed by word as {@code
 * kafka -> {kafka=2}} and {@code streams -> {streams=1}}, or with one shard as {@code shard-0 ->
 * {kafka=2, streams=1}}.
 *
 * <p>Splitting here rather than in a step of its own keeps words from ever being elements: a runner
 * pays per element and step (the DirectRunner hands each element of a step's output to the next
 * step through its bundle machinery), and a line has ten words or more.
 *
 * <p>This is combiner lifting done by hand: neither the DirectRunner nor Spark streaming lifts a
 * combiner under a custom trigger, so without it every single word would cross the shuffle and sit
 * in the grouping state. One element per key and bundle also matters for Spark's grouping state,
 * which rewrites a key's whole buffer for every element added to it.
 */
final class CountWithinBundleFn extends DoFn<String, KV<String, Map<String, Long>>> {
  private final LineWords words;
  private final EventTimeWindows windows;
  private final int shards;
  private transient String[] shardKeys;
  private final boolean sendStreamTime;
  private transient Map<String, Map<String, Long>> countsPerKey;

  /** The bundle's latest line timestamp, or with windows its earliest (see the constructor). */
  private transient Instant stamp;

  /** The bundle's latest line timestamp, with {@code sendStreamTime}. */
  private transient Instant latest;

  /**
   * @param windows global: words are counted as they are; else each word as one key per window of
   *     its line's timestamp (the Kafka record's), {@code word@start}, and the counts leave with
   *     the bundle's earliest timestamp, so that the watermark waits for them (see {@link
   *     WatermarkClosedTotalsFn})
   * @param shards 0 to key by word, else the number of shards (see {@link CountWords#keyOf})
   * @param sendStreamTime every shard also gets the bundle's latest timestamp under {@link
   *     CountWords#STREAM_TIME}, so that its windows close whether or not it got words (see {@link
   *     RunningTotalsFn})
   */
  CountWithinBundleFn(
      LineWords words, EventTimeWindows windows, int shards, boolean sendStreamTime) {
    this.words = words;
    this.windows = windows;
    this.shards = shards;
    this.sendStreamTime = sendStreamTime;
  }

  @Setup
  public void setup() {
    // one key string per shard, not one per word
    shardKeys = IntStream.range(0, shards).mapToObj(CountWords::shardKey).toArray(String[]::new);
  }

  @StartBundle
  public void startBundle() {
    countsPerKey = new HashMap<>();
    stamp = null;
    latest = null;
  }

  @ProcessElement
  public void processElement(@Element String line, @Timestamp Instant timestamp) {
    if (windows.isGlobal()) {
      words.split(line, this::count);
    } else {
      long eventMillis = timestamp.getMillis();
      words.split(line, word -> windows.keysOf(word, eventMillis, this::count));
    }
    if (stamp == null
        || (windows.isGlobal() ? timestamp.isAfter(stamp) : timestamp.isBefore(stamp))) {
      stamp = timestamp;
    }
    if (sendStreamTime && (latest == null || timestamp.isAfter(latest))) {
      latest = timestamp;
    }
  }

  private void count(String word) {
    String key = shards == 0 ? word : shardKeys[CountWords.shardOf(word, shards)];
    countsPerKey.computeIfAbsent(key, k -> new HashMap<>()).merge(word, 1L, Long::sum);
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    words.flush();
    if (sendStreamTime && latest != null) {
      for (String shard : shardKeys) {
        countsPerKey
            .computeIfAbsent(shard, k -> new HashMap<>())
            .put(CountWords.STREAM_TIME, latest.getMillis());
      }
    }
    // Words arrive in the global window (KafkaIO's); CountWords windows them right after.
    for (Map.Entry<String, Map<String, Long>> e : countsPerKey.entrySet()) {
      context.output(KV.of(e.getKey(), e.getValue()), stamp, GlobalWindow.INSTANCE);
    }
    countsPerKey = null;
  }
}
