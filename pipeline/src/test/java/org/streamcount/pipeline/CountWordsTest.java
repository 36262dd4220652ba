package org.streamcount.pipeline;

import static org.apache.beam.sdk.testing.PAssert.that;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.values.WindowingStrategy.AccumulationMode;
import org.junit.Rule;
import org.junit.Test;
import org.streamcount.pipeline.launch.PipelineStatus;

/**
 * The trigger, pane by pane. TestStream advances processing time explicitly, so nothing here waits
 * on a real clock. Every emitted update is tagged with its pane ({@code kafka=3 #2 EARLY}: the
 * third firing for "kafka", early, total 3), so the assertions show exactly which firing emitted
 * which total. JUnit 4 because Beam's TestPipeline is a JUnit 4 rule.
 */
public class CountWordsTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static final org.joda.time.Duration TWO_SECONDS =
      org.joda.time.Duration.standardSeconds(2);

  /** {@code word=count #paneIndex TIMING}. */
  static final class TagWithPane extends DoFn<KV<String, Long>, String> {
    @ProcessElement
    public void processElement(
        @Element KV<String, Long> count, PaneInfo pane, OutputReceiver<String> out) {
      out.output(
          count.getKey()
              + "="
              + count.getValue()
              + " #"
              + pane.getIndex()
              + " "
              + pane.getTiming());
    }
  }

  /**
   * {@code word=count TIMING}: with shards, pane indexes count the firings of a shard, not of a
   * word.
   */
  static final class TagWithTiming extends DoFn<KV<String, Long>, String> {
    @ProcessElement
    public void processElement(
        @Element KV<String, Long> count, PaneInfo pane, OutputReceiver<String> out) {
      out.output(count.getKey() + "=" + count.getValue() + " " + pane.getTiming());
    }
  }

  private PCollection<String> countAndTag(TestStream<String> words, Duration delay, Long every) {
    return pipeline
        .apply(words)
        .apply(PlacelessLines.of())
        .apply(CountWords.of(new WordsTokenizer(), 1_000).firingAfter(delay, every))
        .get(CountWords.TOTALS)
        .apply(ParDo.of(new TagWithPane()));
  }

  private static TestStream<String> threeWalkthroughLinesTwoSecondsApart() {
    return TestStream.create(StringUtf8Coder.of())
        .addElements("all", "streams", "lead", "to", "kafka")
        .advanceProcessingTime(TWO_SECONDS)
        .addElements("hello", "kafka", "streams")
        .advanceProcessingTime(TWO_SECONDS)
        .addElements("join", "kafka", "summit")
        .advanceProcessingTime(TWO_SECONDS)
        .advanceWatermarkToInfinity();
  }

  @Test
  public void firstPaneIsEarlyAndHoldsTheCountsSoFar() {
    TestStream<String> words =
        TestStream.create(StringUtf8Coder.of())
            .addElements("kafka", "streams", "kafka")
            .advanceProcessingTime(TWO_SECONDS)
            .advanceWatermarkToInfinity();

    // The stream's end adds nothing: no word changed after the early pane.
    that(countAndTag(words, Duration.ofSeconds(1), null))
        .containsInAnyOrder("kafka=2 #0 EARLY", "streams=1 #0 EARLY");
    pipeline.run();
  }

  @Test
  public void aZeroDelayFiresInTheBundleThatBroughtTheWordsWithoutWaitingForTime() {
    // Processing time never moves here: a timer, even a zero one, would hold both lines until
    // the end of the stream; the zero delay fires once per bundle instead.
    TestStream<String> words =
        TestStream.create(StringUtf8Coder.of())
            .addElements("kafka", "streams")
            .addElements("kafka")
            .advanceWatermarkToInfinity();

    that(countAndTag(words, Duration.ZERO, null))
        .containsInAnyOrder("kafka=1 #0 EARLY", "streams=1 #0 EARLY", "kafka=2 #1 EARLY");
    pipeline.run();
  }

  @Test
  public void totalsAccumulateAcrossFiringsAndUntouchedWordsStaySilent() {
    that(countAndTag(threeWalkthroughLinesTwoSecondsApart(), Duration.ofSeconds(1), null))
        .containsInAnyOrder(
            // firing 1: the first line
            "all=1 #0 EARLY",
            "streams=1 #0 EARLY",
            "lead=1 #0 EARLY",
            "to=1 #0 EARLY",
            "kafka=1 #0 EARLY",
            // firing 2: only the words of the second line, with totals (kafka 2, streams 2)
            "hello=1 #0 EARLY",
            "kafka=2 #1 EARLY",
            "streams=2 #1 EARLY",
            // firing 3: all, lead, to, hello, streams are untouched and say nothing
            "join=1 #0 EARLY",
            "kafka=3 #2 EARLY",
            "summit=1 #0 EARLY");
    pipeline.run();
  }

  @Test
  public void shardedKeysEmitTheSameTotalsAtTheSameFirings() {
    PCollection<String> tagged =
        pipeline
            .apply(threeWalkthroughLinesTwoSecondsApart())
            .apply(PlacelessLines.of())
            .apply(
                CountWords.of(new WordsTokenizer(), 1_000)
                    .firingAfter(Duration.ofSeconds(1), null)
                    .inShards(2))
            .get(CountWords.TOTALS)
            .apply(ParDo.of(new TagWithTiming()));

    that(tagged)
        .containsInAnyOrder(
            "all=1 EARLY",
            "streams=1 EARLY",
            "lead=1 EARLY",
            "to=1 EARLY",
            "kafka=1 EARLY",
            "hello=1 EARLY",
            "kafka=2 EARLY",
            "streams=2 EARLY",
            "join=1 EARLY",
            "kafka=3 EARLY",
            "summit=1 EARLY");
    pipeline.run();
  }

  @Test
  public void oneShardHoldsEveryWord() {
    TestStream.Builder<String> words = TestStream.create(StringUtf8Coder.of());
    for (int firing = 0; firing < 3; firing++) {
      words =
          words
              .addElements(
                  "w0", IntStream.range(1, 50).mapToObj(i -> "w" + i).toArray(String[]::new))
              .advanceProcessingTime(TWO_SECONDS);
    }
    PCollection<String> tagged =
        pipeline
            .apply(words.advanceWatermarkToInfinity())
            .apply(PlacelessLines.of())
            .apply(
                CountWords.of(new WordsTokenizer(), 1_000)
                    .firingAfter(Duration.ofSeconds(1), null)
                    .inShards(1))
            .get(CountWords.TOTALS)
            .apply(ParDo.of(new TagWithPane()));

    // One key: all 50 words share its panes, #0, #1, #2, and each firing carries their new totals.
    Set<String> expected = new TreeSet<>();
    for (int firing = 0; firing < 3; firing++) {
      for (int i = 0; i < 50; i++) {
        expected.add("w" + i + "=" + (firing + 1) + " #" + firing + " EARLY");
      }
    }
    that(tagged).containsInAnyOrder(expected);
    pipeline.run();
  }

  @Test
  public void linesAreSplitByTheTokenizerAndOverLongWordsLeftOut() {
    TestStream<String> lines =
        TestStream.create(StringUtf8Coder.of())
            .addElements("All streams lead to Kafka", "kafka " + "x".repeat(12) + " KAFKA")
            .advanceProcessingTime(TWO_SECONDS)
            .advanceWatermarkToInfinity();
    PCollection<String> tagged =
        pipeline
            .apply(lines)
            .apply(PlacelessLines.of())
            .apply(CountWords.of(new WordsTokenizer(), 11).inShards(2))
            .get(CountWords.TOTALS)
            .apply(ParDo.of(new TagWithTiming()));

    that(tagged)
        .containsInAnyOrder(
            "all=1 EARLY", "streams=1 EARLY", "lead=1 EARLY", "to=1 EARLY", "kafka=3 EARLY");
    pipeline.run();
  }

  private static final org.joda.time.Instant NINE =
      org.joda.time.Instant.parse("2019-10-01T09:00:00Z");

  /** {@code line} stamped {@code minutes:seconds} after 09:00. */
  private static TimestampedValue<String> at(int minutes, int seconds, String line) {
    return TimestampedValue.of(
        line,
        NINE.plus(org.joda.time.Duration.standardMinutes(minutes))
            .plus(org.joda.time.Duration.standardSeconds(seconds)));
  }

  private PCollectionTuple countInWindows(
      TestStream<String> lines, EventTimeWindows windows, Duration allowedLateness) {
    return countInWindows(lines, windows, allowedLateness, WindowClosing.WATERMARK);
  }

  private PCollectionTuple countInWindows(
      TestStream<String> lines,
      EventTimeWindows windows,
      Duration allowedLateness,
      WindowClosing closing) {
    return pipeline
        .apply(lines)
        .apply(PlacelessLines.of())
        .apply(
            CountWords.of(new WordsTokenizer(), 1_000)
                .inWindows(windows)
                .withAllowedLateness(allowedLateness)
                .closedBy(closing)
                .inShards(2));
  }

  /** Fixed 1-minute windows, no lateness, closed by stream time (Spark's way). */
  private PCollectionTuple perMinuteByStreamTime(TestStream<String> lines) {
    return countInWindows(
        lines,
        EventTimeWindows.fixed(Duration.ofMinutes(1)),
        Duration.ZERO,
        WindowClosing.STREAM_TIME);
  }

  /**
   * 09:00:10 and 09:02:05 fire, the watermark passes 09:02:05, then a line of 09:00:30 (two words)
   * and one of 09:02:30 come.
   */
  private static TestStream<String> aLineOfAMinuteTheWatermarkHasPassed() {
    return TestStream.create(StringUtf8Coder.of())
        .addElements(at(0, 10, "kafka"), at(2, 5, "kafka"))
        .advanceProcessingTime(TWO_SECONDS)
        .advanceWatermarkTo(NINE.plus(org.joda.time.Duration.standardSeconds(125)))
        .addElements(at(0, 30, "kafka streams"), at(2, 30, "kafka"))
        .advanceProcessingTime(TWO_SECONDS)
        .advanceWatermarkToInfinity();
  }

  /** Running totals with their pane's timing. */
  private static PCollection<String> tagged(
      PCollectionTuple counts, TupleTag<KV<String, Long>> tag) {
    return counts.get(tag).apply("TagTotals", ParDo.of(new TagWithTiming()));
  }

  /** Windows: the running totals of open windows, with their pane's timing. */
  private static PCollection<String> openTotals(PCollectionTuple counts) {
    return counts
        .get(CountWords.WINDOW_TOTALS)
        .apply("OpenTotals", Filter.by(total -> !total.getValue().isFinal()))
        .apply(
            "AsTotals",
            MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                .via(total -> KV.of(total.getKey(), total.getValue().total())))
        .apply("TagTotals", ParDo.of(new TagWithTiming()));
  }

  /** Windows: the final totals of closed windows (from a timer, with no pane). */
  private static PCollection<String> finalTotals(PCollectionTuple counts) {
    return counts
        .get(CountWords.WINDOW_TOTALS)
        .apply("FinalTotals", Filter.by(total -> total.getValue().isFinal()))
        .apply(
            "TagFinalTotals",
            MapElements.into(TypeDescriptors.strings())
                .via(total -> total.getKey() + "=" + total.getValue().total()));
  }

  private static long lateWordsDropped(PipelineResult result) {
    return PipelineStatus.of(result).lateWordsDropped();
  }

  /**
   * Each line's words count in the windows of its own timestamp, as keys word@start, a line older
   * than the one before still in its own window; once the watermark has passed a window's end its
   * totals come out once more, as final.
   */
  @Test
  public void windowedCountsAreKeyedByWordAndWindowOfTheLinesTimestamp() {
    TestStream<String> lines =
        TestStream.create(StringUtf8Coder.of())
            .addElements(at(0, 10, "kafka streams"), at(1, 0, "kafka"), at(0, 20, "kafka"))
            .advanceProcessingTime(TWO_SECONDS)
            .advanceWatermarkToInfinity();
    PCollectionTuple counts =
        countInWindows(lines, EventTimeWindows.fixed(Duration.ofMinutes(1)), Duration.ZERO);

    that(openTotals(counts))
        .containsInAnyOrder(
            "kafka@2019-10-01T09:00:00Z=2 EARLY",
            "streams@2019-10-01T09:00:00Z=1 EARLY",
            "kafka@2019-10-01T09:01:00Z=1 EARLY");
    that(finalTotals(counts))
        .containsInAnyOrder(
            "kafka@2019-10-01T09:00:00Z=2",
            "streams@2019-10-01T09:00:00Z=1",
            "kafka@2019-10-01T09:01:00Z=1");
    assertEquals(0, lateWordsDropped(pipeline.run()));
  }

  /**
   * The watermark passes 09:01 while the first minute's word waits for its firing: the window does
   * not close under it. Words of the window that come after it closed are dropped, and counted.
   */
  @Test
  public void wordsOfAClosedWindowAreDroppedAndCounted() {
    TestStream<String> lines = aLineOfAMinuteTheWatermarkHasPassed();
    PCollectionTuple counts =
        countInWindows(lines, EventTimeWindows.fixed(Duration.ofMinutes(1)), Duration.ZERO);

    that(openTotals(counts))
        .containsInAnyOrder(
            "kafka@2019-10-01T09:00:00Z=1 EARLY",
            "kafka@2019-10-01T09:02:00Z=1 EARLY",
            "kafka@2019-10-01T09:02:00Z=2 EARLY");
    that(finalTotals(counts))
        .containsInAnyOrder("kafka@2019-10-01T09:00:00Z=1", "kafka@2019-10-01T09:02:00Z=2");
    assertEquals("kafka streams at 09:00:30", 2, lateWordsDropped(pipeline.run()));
  }

  /** The same lines with two minutes of allowed lateness: nothing is late. */
  @Test
  public void allowedLatenessKeepsAWindowOpenPastItsEnd() {
    TestStream<String> lines = aLineOfAMinuteTheWatermarkHasPassed();
    PCollectionTuple counts =
        countInWindows(lines, EventTimeWindows.fixed(Duration.ofMinutes(1)), Duration.ofMinutes(2));

    that(openTotals(counts))
        .containsInAnyOrder(
            "kafka@2019-10-01T09:00:00Z=1 EARLY",
            "kafka@2019-10-01T09:02:00Z=1 EARLY",
            "kafka@2019-10-01T09:00:00Z=2 EARLY",
            "streams@2019-10-01T09:00:00Z=1 EARLY",
            "kafka@2019-10-01T09:02:00Z=2 EARLY");
    that(finalTotals(counts))
        .containsInAnyOrder(
            "kafka@2019-10-01T09:00:00Z=2",
            "streams@2019-10-01T09:00:00Z=1",
            "kafka@2019-10-01T09:02:00Z=2");
    assertEquals(0, lateWordsDropped(pipeline.run()));
  }

  /** A line in two sliding windows, one closed and one open, counts in the open one only. */
  @Test
  public void aLineIsLateOnlyForTheSlidingWindowsThatClosed() {
    TestStream<String> lines =
        TestStream.create(StringUtf8Coder.of())
            .addElements(at(0, 10, "a"), at(2, 10, "b"))
            .advanceProcessingTime(TWO_SECONDS)
            .advanceWatermarkTo(NINE.plus(org.joda.time.Duration.standardSeconds(130)))
            .addElements(at(1, 30, "c"))
            .advanceProcessingTime(TWO_SECONDS)
            .advanceWatermarkToInfinity();
    PCollectionTuple counts =
        countInWindows(
            lines,
            EventTimeWindows.sliding(Duration.ofMinutes(2), Duration.ofMinutes(1)),
            Duration.ZERO);

    that(openTotals(counts))
        .containsInAnyOrder(
            "a@2019-10-01T08:59:00Z=1 EARLY",
            "a@2019-10-01T09:00:00Z=1 EARLY",
            "b@2019-10-01T09:01:00Z=1 EARLY",
            "b@2019-10-01T09:02:00Z=1 EARLY",
            "c@2019-10-01T09:01:00Z=1 EARLY");
    assertEquals("c in [09:00, 09:02)", 1, lateWordsDropped(pipeline.run()));
  }

  /**
   * Closed by stream time (Spark): the firing whose lines reach 09:01:00 closes the first minute,
   * and its totals go out only as final; lines of one firing never make each other late.
   */
  @Test
  public void byStreamTimeAWindowClosesInTheFiringThatPassesItsEnd() {
    TestStream<String> lines =
        TestStream.create(StringUtf8Coder.of())
            .addElements(at(0, 10, "kafka streams"), at(1, 5, "kafka"), at(0, 20, "kafka"))
            .advanceProcessingTime(TWO_SECONDS)
            .advanceWatermarkToInfinity();
    PCollectionTuple counts = perMinuteByStreamTime(lines);

    that(openTotals(counts)).containsInAnyOrder("kafka@2019-10-01T09:01:00Z=1 EARLY");
    that(finalTotals(counts))
        .containsInAnyOrder("kafka@2019-10-01T09:00:00Z=2", "streams@2019-10-01T09:00:00Z=1");
    assertEquals(0, lateWordsDropped(pipeline.run()));
  }

  /** Closed by stream time: words of a window closed at an earlier firing are dropped, counted. */
  @Test
  public void byStreamTimeWordsOfAWindowClosedAtAnEarlierFiringAreDropped() {
    TestStream<String> lines =
        TestStream.create(StringUtf8Coder.of())
            .addElements(at(0, 10, "kafka"), at(2, 5, "kafka"))
            .advanceProcessingTime(TWO_SECONDS)
            .addElements(at(0, 30, "kafka streams"), at(2, 30, "kafka"))
            .advanceProcessingTime(TWO_SECONDS)
            .advanceWatermarkToInfinity();
    PCollectionTuple counts = perMinuteByStreamTime(lines);

    that(openTotals(counts))
        .containsInAnyOrder(
            "kafka@2019-10-01T09:02:00Z=1 EARLY", "kafka@2019-10-01T09:02:00Z=2 EARLY");
    that(finalTotals(counts)).containsInAnyOrder("kafka@2019-10-01T09:00:00Z=1");
    assertEquals("kafka streams at 09:00:30", 2, lateWordsDropped(pipeline.run()));
  }

  /**
   * Closed by stream time: a firing of two bundles takes the later of their stream times. Summed,
   * 09:00:10 and 09:00:20 made a stream time decades ahead, which closed 09:00 at once and dropped
   * the line of 09:00:30 as late.
   */
  @Test
  public void byStreamTimeAFiringOfTwoBundlesTakesTheLaterTime() {
    TestStream<String> lines =
        TestStream.create(StringUtf8Coder.of())
            .addElements(at(0, 10, "kafka"))
            .addElements(at(0, 20, "kafka"))
            .advanceProcessingTime(TWO_SECONDS)
            .addElements(at(0, 30, "streams"))
            .advanceProcessingTime(TWO_SECONDS)
            .advanceWatermarkToInfinity();
    PCollectionTuple counts = perMinuteByStreamTime(lines);

    that(openTotals(counts))
        .containsInAnyOrder(
            "kafka@2019-10-01T09:00:00Z=2 EARLY", "streams@2019-10-01T09:00:00Z=1 EARLY");
    that(finalTotals(counts)).empty();
    assertEquals(0, lateWordsDropped(pipeline.run()));
  }

  /**
   * {@code --startFrom=latest} on a windowed table: a key's count starts from its total there, by
   * watermark and by stream time, running and final totals alike.
   */
  @Test
  public void windowedCountsFromLatestStartFromTheTable() {
    for (WindowClosing closing : WindowClosing.values()) {
      TestStream<String> lines =
          TestStream.create(StringUtf8Coder.of())
              .addElements(at(0, 10, "kafka"), at(1, 5, "streams"))
              .advanceProcessingTime(TWO_SECONDS)
              .advanceWatermarkToInfinity();
      PCollectionTuple counts =
          pipeline
              .apply(closing + "Lines", lines)
              .apply(closing + "Placeless", PlacelessLines.of())
              .apply(
                  closing + "Count",
                  CountWords.of(new WordsTokenizer(), 1_000)
                      .inWindows(EventTimeWindows.fixed(Duration.ofMinutes(1)))
                      .withAllowedLateness(Duration.ZERO)
                      .closedBy(closing)
                      .inShards(2)
                      .from(
                          StartPoint.continuing(Map.of("kafka@2019-10-01T09:00:00Z", 40L)), null));
      that(
              closing + "Totals",
              counts
                  .get(CountWords.WINDOW_TOTALS)
                  .apply(
                      closing + "Last",
                      Filter.by(
                          total ->
                              total.getValue().isFinal()
                                  || total.getKey().startsWith("streams")
                                      && closing == WindowClosing.STREAM_TIME)))
          .satisfies(
              totals -> {
                Map<String, Long> last = new java.util.HashMap<>();
                totals.forEach(t -> last.put(t.getKey(), t.getValue().total()));
                assertEquals(Long.valueOf(41), last.get("kafka@2019-10-01T09:00:00Z"));
                assertEquals(Long.valueOf(1), last.get("streams@2019-10-01T09:01:00Z"));
                return null;
              });
    }
    pipeline.run();
  }

  /**
   * Outside windows the empty string is a word ({@code split:} keeps empty words): the firing of
   * two bundles sums its counts, as every word's, rather than keeping the larger as a stream time.
   */
  @Test
  public void theEmptyWordOfTwoBundlesInOneFiringIsSummed() {
    TestStream<String> lines =
        TestStream.create(StringUtf8Coder.of())
            .addElements("a::b")
            .addElements("::")
            .advanceProcessingTime(TWO_SECONDS)
            .advanceWatermarkToInfinity();
    PCollectionTuple counts =
        pipeline
            .apply(lines)
            .apply(PlacelessLines.of())
            .apply(CountWords.of(new SplitTokenizer(":"), 1_000).inShards(2));

    that(tagged(counts, CountWords.TOTALS))
        .containsInAnyOrder("a=1 EARLY", "=4 EARLY", "b=1 EARLY");
    pipeline.run();
  }

  @Test
  public void windowsClosedByStreamTimeAreCountedInShards() {
    pipeline.enableAbandonedNodeEnforcement(false);
    PCollection<String> none =
        pipeline.apply(TestStream.create(StringUtf8Coder.of()).advanceWatermarkToInfinity());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            none.apply(PlacelessLines.of())
                .apply(
                    CountWords.of(new WordsTokenizer(), 1_000)
                        .inWindows(EventTimeWindows.fixed(Duration.ofMinutes(1)))
                        .closedBy(WindowClosing.STREAM_TIME)));
  }

  @Test
  public void noFiringBeforeTheDelayHasPassed() {
    TestStream<String> words =
        TestStream.create(StringUtf8Coder.of())
            .addElements("a")
            .advanceProcessingTime(org.joda.time.Duration.millis(500))
            .addElements("a")
            .advanceProcessingTime(org.joda.time.Duration.millis(600))
            .advanceWatermarkToInfinity();

    // One early pane after 1.1 s with both elements: nothing fired at 500 ms.
    that(countAndTag(words, Duration.ofSeconds(1), null)).containsInAnyOrder("a=2 #0 EARLY");
    pipeline.run();
  }

  @Test
  public void elementCountFiresBeforeTheDelay() {
    TestStream<String> words =
        TestStream.create(StringUtf8Coder.of())
            .addElements("x", "x")
            .addElements("x")
            .advanceProcessingTime(org.joda.time.Duration.millis(10))
            .addElements("x", "x")
            .advanceWatermarkToInfinity();

    // The 1 h delay never fires; three words do. The last two only show when the stream ends.
    that(countAndTag(words, Duration.ofHours(1), 3L))
        .containsInAnyOrder("x=3 #0 EARLY", "x=5 #1 ON_TIME");
    pipeline.run();
  }

  @Test
  public void emptyInputEmitsNothing() {
    TestStream<String> words =
        TestStream.create(StringUtf8Coder.of())
            .advanceProcessingTime(TWO_SECONDS)
            .advanceWatermarkToInfinity();
    that(countAndTag(words, Duration.ofSeconds(1), null)).empty();
    pipeline.run();
  }

  /**
   * The grouping must discard what it fired: the DirectRunner and Spark buffer every element a
   * grouping is given, and an accumulating grouping would keep the whole input for as long as the
   * job runs. The totals live in {@link RunningTotalsFn} instead.
   */
  @Test
  public void theGroupingKeepsNoHistory() {
    PCollection<KV<String, Long>> counts =
        pipeline
            .apply(
                TestStream.create(StringUtf8Coder.of())
                    .addElements("a")
                    .advanceWatermarkToInfinity())
            .apply(PlacelessLines.of())
            .apply(
                CountWords.of(new WordsTokenizer(), 1_000)
                    .firingAfter(Duration.ofSeconds(1), null)
                    .inShards(4))
            .get(CountWords.TOTALS);
    assertEquals(AccumulationMode.DISCARDING_FIRED_PANES, counts.getWindowingStrategy().getMode());
    pipeline.run();
  }

  @Test
  public void keysAreTheWordOrAStableShard() {
    assertEquals("kafka", CountWords.keyOf("kafka", 0));
    // String.hashCode is part of the Java spec: the same shard in every JVM and after a restart.
    assertEquals("shard-5", CountWords.keyOf("kafka", 8));
    assertEquals("shard-0", CountWords.keyOf("anything", 1));
    for (int shards : new int[] {1, 3, 16, 64}) {
      for (int i = 0; i < 1_000; i++) {
        int shard = CountWords.shardOf("w" + i, shards);
        assertTrue(shard + " of " + shards, shard >= 0 && shard < shards);
      }
    }
  }

  /**
   * A shard's words are counted and totalled in HashMaps, which pick a bucket by the low bits of
   * the hash: the shard must not fix those bits, or the maps use a fraction of their buckets.
   */
  @Test
  public void aShardsWordsSpreadOverAHashMapsBuckets() {
    int shards = 16;
    List<Set<Integer>> lowBitsPerShard = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      lowBitsPerShard.add(new HashSet<>());
    }
    for (int i = 0; i < 1_000; i++) {
      String word = "w" + i;
      int h = word.hashCode();
      // HashMap.hash, then the bucket of a table of 16
      lowBitsPerShard.get(CountWords.shardOf(word, shards)).add((h ^ (h >>> 16)) & 15);
    }
    for (int s = 0; s < shards; s++) {
      assertTrue("shard " + s + ": " + lowBitsPerShard.get(s), lowBitsPerShard.get(s).size() >= 12);
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CountWords.of(new WordsTokenizer(), 1_000)
                .firingAfter(Duration.ofSeconds(1), null)
                .inShards(-1));
  }
}
