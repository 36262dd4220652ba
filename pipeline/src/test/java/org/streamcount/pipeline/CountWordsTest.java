package org.streamcount.pipeline;

import static org.apache.beam.sdk.testing.PAssert.that;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.WindowingStrategy.AccumulationMode;
import org.junit.Rule;
import org.junit.Test;

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
        .apply(CountWords.of(new WordsTokenizer(), 1_000).firingAfter(delay, every))
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
            .apply(
                CountWords.of(new WordsTokenizer(), 1_000)
                    .firingAfter(Duration.ofSeconds(1), null)
                    .inShards(2))
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
            .apply(
                CountWords.of(new WordsTokenizer(), 1_000)
                    .firingAfter(Duration.ofSeconds(1), null)
                    .inShards(1))
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
            .apply(CountWords.of(new WordsTokenizer(), 11).inShards(2))
            .apply(ParDo.of(new TagWithTiming()));

    that(tagged)
        .containsInAnyOrder(
            "all=1 EARLY", "streams=1 EARLY", "lead=1 EARLY", "to=1 EARLY", "kafka=3 EARLY");
    pipeline.run();
  }

  /** Each line's words count in the windows of its own timestamp, as keys word@start. */
  @Test
  public void windowedCountsAreKeyedByWordAndWindowOfTheLinesTimestamp() {
    org.joda.time.Instant nine = org.joda.time.Instant.parse("2019-10-01T09:00:10Z");
    TestStream<String> lines =
        TestStream.create(StringUtf8Coder.of())
            .addElements(
                org.apache.beam.sdk.values.TimestampedValue.of("kafka streams", nine),
                org.apache.beam.sdk.values.TimestampedValue.of(
                    "kafka", nine.plus(org.joda.time.Duration.standardMinutes(1))),
                // late: older than what came before, still counted in its own window
                org.apache.beam.sdk.values.TimestampedValue.of(
                    "kafka", nine.plus(org.joda.time.Duration.standardSeconds(20))))
            .advanceProcessingTime(TWO_SECONDS)
            .advanceWatermarkToInfinity();
    PCollection<String> tagged =
        pipeline
            .apply(lines)
            .apply(
                CountWords.of(new WordsTokenizer(), 1_000)
                    .inWindows(EventTimeWindows.fixed(Duration.ofMinutes(1)))
                    .inShards(2))
            .apply(ParDo.of(new TagWithTiming()));

    that(tagged)
        .containsInAnyOrder(
            "kafka@2019-10-01T09:00:00Z=2 EARLY",
            "streams@2019-10-01T09:00:00Z=1 EARLY",
            "kafka@2019-10-01T09:01:00Z=1 EARLY");
    pipeline.run();
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
            .apply(
                CountWords.of(new WordsTokenizer(), 1_000)
                    .firingAfter(Duration.ofSeconds(1), null)
                    .inShards(4));
    assertEquals(AccumulationMode.DISCARDING_FIRED_PANES, counts.getWindowingStrategy().getMode());
    pipeline.run();
  }

  @Test
  public void keysAreTheWordOrAStableShard() {
    assertEquals("kafka", CountWords.keyOf("kafka", 0));
    // String.hashCode is part of the Java spec: the same shard in every JVM and after a restart.
    assertEquals("shard-" + Math.floorMod("kafka".hashCode(), 8), CountWords.keyOf("kafka", 8));
    assertEquals("shard-0", CountWords.keyOf("anything", 1));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CountWords.of(new WordsTokenizer(), 1_000)
                .firingAfter(Duration.ofSeconds(1), null)
                .inShards(-1));
  }
}
