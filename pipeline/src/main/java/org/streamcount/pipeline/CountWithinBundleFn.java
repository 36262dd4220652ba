package org.streamcount.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.beam.sdk.metrics.Counter;
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
final class CountWithinBundleFn extends DoFn<Line, KV<String, Subtotals>> {
  private final LineWords words;
  private final EventTimeWindows windows;
  private final int shards;
  private transient String[] shardKeys;
  private final boolean sendStreamTime;
  private final HashMap<String, Coverage> countedAbove;
  private final boolean tracked;
  private final Counter alreadyCounted =
      StreamCountMetrics.counter(StreamCountMetrics.WORDS_ALREADY_COUNTED);

  /** With shards: the bundle's counts of each shard, made when the shard gets its first word. */
  private transient WordCounts[] perShard;

  /**
   * Per shard, how many words its last bundle had: the next bundle's table starts that large, so
   * that the DirectRunner's bundles of 100 lines do not grow every shard's table from small.
   */
  private transient int[] lastBundleWords;

  /** Keyed by word (no shards): the bundle's count of each word. */
  private transient Map<String, WordCounts> perWord;

  /** Tracked: per partition, the lowest and highest offset + 1 of the bundle's records. */
  private transient Map<String, long[]> readInBundle;

  private transient String lastPartition;
  private transient long[] lastRange;

  /** Per partition, the end of what any word of {@code countedAbove} covers. */
  private transient Map<String, Long> countedUpTo;

  private transient long alreadyCountedInBundle;

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
   * @param start tracked: every shard also gets the lines of the bundle ({@link Subtotals#read}),
   *     and a word of a line its total at the start already counts is dropped
   */
  CountWithinBundleFn(
      LineWords words,
      EventTimeWindows windows,
      int shards,
      boolean sendStreamTime,
      StartPoint start) {
    this.words = words;
    this.windows = windows;
    this.shards = shards;
    this.sendStreamTime = sendStreamTime;
    this.tracked = start.tracked();
    this.countedAbove = new HashMap<>(start.countedAbove());
  }

  @Setup
  public void setup() {
    // one key string per shard, not one per word
    shardKeys = IntStream.range(0, shards).mapToObj(CountWords::shardKey).toArray(String[]::new);
    lastBundleWords = new int[shards];
    countedUpTo = new HashMap<>();
    countedAbove
        .values()
        .forEach(c -> c.ends().forEach((p, end) -> countedUpTo.merge(p, end, Math::max)));
  }

  @StartBundle
  public void startBundle() {
    perShard = new WordCounts[shards];
    perWord = new HashMap<>();
    readInBundle = tracked ? new HashMap<>() : null;
    lastPartition = null;
    stamp = null;
    latest = null;
  }

  @ProcessElement
  public void processElement(@Element Line line, @Timestamp Instant timestamp) {
    if (tracked && line.hasPlace()) {
      read(line.partition(), line.offset());
    }
    if (line.text() == null) {
      if (tracked && stamp == null) {
        stamp = timestamp; // every shard hears of the record's offset, with some time
      }
      return;
    }
    if (windows.isGlobal()) {
      if (!countedUpTo.isEmpty()
          && line.hasPlace()
          && line.offset() < countedUpTo.getOrDefault(line.partition(), 0L)) {
        words.split(line.text(), word -> countUnlessCounted(word, line));
      } else {
        words.splitSpans(line.text(), this::count);
      }
    } else {
      long eventMillis = timestamp.getMillis();
      words.split(line.text(), word -> windows.keysOf(word, eventMillis, this::count));
    }
    if (stamp == null
        || (windows.isGlobal() ? timestamp.isAfter(stamp) : timestamp.isBefore(stamp))) {
      stamp = timestamp;
    }
    if (sendStreamTime && (latest == null || timestamp.isAfter(latest))) {
      latest = timestamp;
    }
  }

  private void read(String partition, long offset) {
    // consecutive lines mostly share a partition (and its name's instance)
    if (partition != lastPartition) {
      lastPartition = partition;
      lastRange = readInBundle.get(partition);
      if (lastRange == null) {
        lastRange = new long[] {offset, offset + 1};
        readInBundle.put(partition, lastRange);
      }
    }
    lastRange[0] = Math.min(lastRange[0], offset);
    lastRange[1] = Math.max(lastRange[1], offset + 1);
  }

  /** A re-read line: its word goes in unless the word's total at the start already counts it. */
  private void countUnlessCounted(String word, Line line) {
    Coverage counted = countedAbove.get(word);
    if (counted != null && counted.covers(line.partition(), line.offset())) {
      alreadyCountedInBundle++;
    } else {
      count(word);
    }
  }

  /** Counts the word {@code text[start, end)}: no string is made for a word the bundle has seen. */
  private void count(String text, int start, int end) {
    if (shards == 0) {
      count(text.substring(start, end));
      return;
    }
    int hash = WordCounts.hash(text, start, end);
    shard(CountWords.shardOfHash(hash, shards)).add(text, start, end, hash);
  }

  /** Counts {@code key}: a word, or a word's key in its window. */
  private void count(String key) {
    if (shards == 0) {
      perWord.computeIfAbsent(key, k -> new WordCounts(1)).add(key);
    } else {
      shard(CountWords.shardOf(key, shards)).add(key);
    }
  }

  /** The shard's table, for a word. */
  private WordCounts shard(int shard) {
    WordCounts counts = perShard[shard];
    if (counts == null) {
      counts = new WordCounts(Math.max(64, lastBundleWords[shard]));
      perShard[shard] = counts;
    }
    return counts;
  }

  /** The shard's table, made small when it has no words: a bundle's entry for every shard. */
  private WordCounts shardEntry(int shard) {
    if (perShard[shard] == null) {
      perShard[shard] = new WordCounts(1);
    }
    return perShard[shard];
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    words.flush();
    if (sendStreamTime && latest != null) {
      for (int shard = 0; shard < shards; shard++) {
        shardEntry(shard).put(CountWords.STREAM_TIME, latest.getMillis());
      }
    }
    alreadyCounted.inc(alreadyCountedInBundle);
    alreadyCountedInBundle = 0;
    Coverage read = null;
    if (tracked && !readInBundle.isEmpty()) {
      read = Coverage.ranges(readInBundle);
      for (int shard = 0; shard < shards; shard++) {
        shardEntry(shard);
      }
    }
    // Words arrive in the global window (KafkaIO's); CountWords windows them right after.
    for (int shard = 0; shard < shards; shard++) {
      if (perShard[shard] != null) {
        lastBundleWords[shard] = perShard[shard].size();
        output(context, shardKeys[shard], perShard[shard], read);
      }
    }
    for (Map.Entry<String, WordCounts> e : perWord.entrySet()) {
      output(context, e.getKey(), e.getValue(), read);
    }
    perShard = null;
    perWord = null;
    readInBundle = null;
  }

  private void output(FinishBundleContext context, String key, WordCounts counts, Coverage read) {
    context.output(KV.of(key, Subtotals.of(counts, read)), stamp, GlobalWindow.INSTANCE);
  }
}
