package org.streamcount.pipeline;

import static org.apache.beam.sdk.testing.PAssert.that;

import java.time.Duration;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;

/**
 * The trigger, pane by pane. TestStream advances processing time explicitly, so nothing here
 * waits on a real clock. Every emitted update is tagged with its pane ({@code kafka=3 #2 EARLY}:
 * the third firing for "kafka", early, total 3), so the assertions show exactly which firing
 * emitted which total. JUnit 4 because Beam's TestPipeline is a JUnit 4 rule.
 */
public class CountWordsTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static final org.joda.time.Duration TWO_SECONDS = org.joda.time.Duration.standardSeconds(2);

  /** {@code word=count #paneIndex TIMING}. */
  static final class TagWithPane extends DoFn<KV<String, Long>, String> {
    @ProcessElement
    public void processElement(@Element KV<String, Long> count, PaneInfo pane, OutputReceiver<String> out) {
      out.output(count.getKey() + "=" + count.getValue() + " #" + pane.getIndex() + " " + pane.getTiming());
    }
  }

  private PCollection<String> countAndTag(TestStream<String> words, Duration delay, Long every) {
    return pipeline.apply(words)
        .apply(CountWords.firingAfter(delay, every))
        .apply(ParDo.of(new TagWithPane()));
  }

  @Test
  public void firstPaneIsEarlyAndHoldsTheCountsSoFar() {
    TestStream<String> words = TestStream.create(StringUtf8Coder.of())
        .addElements("kafka", "streams", "kafka")
        .advanceProcessingTime(TWO_SECONDS)
        .advanceWatermarkToInfinity();

    that(countAndTag(words, Duration.ofSeconds(1), null)).containsInAnyOrder(
        "kafka=2 #0 EARLY", "streams=1 #0 EARLY",
        // the window closes when the stream ends: one last pane with the same totals
        "kafka=2 #1 ON_TIME", "streams=1 #1 ON_TIME");
    pipeline.run();
  }

  @Test
  public void totalsAccumulateAcrossFiringsAndUntouchedWordsStaySilent() {
    TestStream<String> words = TestStream.create(StringUtf8Coder.of())
        .addElements("all", "streams", "lead", "to", "kafka")
        .advanceProcessingTime(TWO_SECONDS)
        .addElements("hello", "kafka", "streams")
        .advanceProcessingTime(TWO_SECONDS)
        .addElements("join", "kafka", "summit")
        .advanceProcessingTime(TWO_SECONDS)
        .advanceWatermarkToInfinity();

    that(countAndTag(words, Duration.ofSeconds(1), null)).containsInAnyOrder(
        // firing 1: the first line
        "all=1 #0 EARLY", "streams=1 #0 EARLY", "lead=1 #0 EARLY", "to=1 #0 EARLY", "kafka=1 #0 EARLY",
        // firing 2: only the words of the second line, with totals (kafka 2, streams 2)
        "hello=1 #0 EARLY", "kafka=2 #1 EARLY", "streams=2 #1 EARLY",
        // firing 3: all, lead, to, hello, streams are untouched and say nothing
        "join=1 #0 EARLY", "kafka=3 #2 EARLY", "summit=1 #0 EARLY",
        // end of stream: every word's final total once more
        "all=1 #1 ON_TIME", "lead=1 #1 ON_TIME", "to=1 #1 ON_TIME", "hello=1 #1 ON_TIME",
        "streams=2 #2 ON_TIME", "kafka=3 #3 ON_TIME", "join=1 #1 ON_TIME", "summit=1 #1 ON_TIME");
    pipeline.run();
  }

  @Test
  public void noFiringBeforeTheDelayHasPassed() {
    TestStream<String> words = TestStream.create(StringUtf8Coder.of())
        .addElements("a")
        .advanceProcessingTime(org.joda.time.Duration.millis(500))
        .addElements("a")
        .advanceProcessingTime(org.joda.time.Duration.millis(600))
        .advanceWatermarkToInfinity();

    // One early pane after 1.1 s with both elements: nothing fired at 500 ms.
    that(countAndTag(words, Duration.ofSeconds(1), null)).containsInAnyOrder("a=2 #0 EARLY", "a=2 #1 ON_TIME");
    pipeline.run();
  }

  @Test
  public void elementCountFiresBeforeTheDelay() {
    TestStream<String> words = TestStream.create(StringUtf8Coder.of())
        .addElements("x", "x")
        .addElements("x")
        .advanceProcessingTime(org.joda.time.Duration.millis(10))
        .addElements("x", "x")
        .advanceWatermarkToInfinity();

    // The 1 h delay never fires; three words do. The last two only show when the stream ends.
    that(countAndTag(words, Duration.ofHours(1), 3L)).containsInAnyOrder("x=3 #0 EARLY", "x=5 #1 ON_TIME");
    pipeline.run();
  }

  @Test
  public void emptyInputEmitsNothing() {
    TestStream<String> words = TestStream.create(StringUtf8Coder.of())
        .advanceProcessingTime(TWO_SECONDS)
        .advanceWatermarkToInfinity();
    that(countAndTag(words, Duration.ofSeconds(1), null)).empty();
    pipeline.run();
  }
}
