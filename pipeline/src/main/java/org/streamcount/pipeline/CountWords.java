package org.streamcount.pipeline;

import java.time.Duration;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.AfterFirst;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.Trigger.OnceTrigger;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Words to running totals: one global window that never closes, fired repeatedly by processing
 * time (and optionally by element count), with accumulating panes, so that each firing emits the
 * total so far of every word that changed since the previous firing and nothing for the others.
 * This is the streaming word count's table: the latest pane of a word is its current count.
 *
 * <p>It is {@code Count.perElement()} with the combiner lifted by hand: each bundle's words are
 * counted before the shuffle ({@link CountWithinBundle}) and the subtotals summed per word.
 */
public final class CountWords extends PTransform<PCollection<String>, PCollection<KV<String, Long>>> {
  private final Duration delay;
  private final Long everyElements;

  private CountWords(Duration delay, Long everyElements) {
    this.delay = delay;
    this.everyElements = everyElements;
  }

  /**
   * @param delay fire this long (processing time) after the first new word of a pane
   * @param everyElements also fire once this many new words arrived; null for time only
   */
  public static CountWords firingAfter(Duration delay, Long everyElements) {
    return new CountWords(delay, everyElements);
  }

  Trigger trigger() {
    OnceTrigger byTime = AfterProcessingTime.pastFirstElementInPane()
        .plusDelayOf(org.joda.time.Duration.millis(delay.toMillis()));
    OnceTrigger fire = everyElements == null
        ? byTime
        : AfterFirst.of(byTime, AfterPane.elementCountAtLeast(Math.toIntExact(everyElements)));
    return Repeatedly.forever(fire);
  }

  @Override
  public PCollection<KV<String, Long>> expand(PCollection<String> words) {
    // An element-count trigger counts words, so it needs the words one by one; otherwise each
    // bundle is counted first and only its per-word subtotals cross the shuffle.
    PCollection<KV<String, Long>> counted = everyElements == null
        ? words.apply("CountWithinBundle", ParDo.of(new CountWithinBundle()))
        : words.apply("OneEach", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
            .via(word -> KV.of(word, 1L)));
    return counted
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .apply("GlobalWindowRepeatedTrigger", Window.<KV<String, Long>>into(new GlobalWindows())
            .triggering(trigger())
            .withAllowedLateness(org.joda.time.Duration.ZERO)
            .accumulatingFiredPanes())
        .apply("CountPerWord", Sum.longsPerKey());
  }
}
