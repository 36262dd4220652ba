package org.streamcount.pipeline;

import static org.apache.beam.sdk.testing.PAssert.that;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTagList;
import org.junit.Rule;
import org.junit.Test;

/**
 * Totals stay exact while a shard's recent words are merged into its settled ones, again and again:
 * firings of words with a long tail, two shards, a merge threshold of 8 words, and the
 * DirectRunner's state copies and checks on.
 */
public class RunningTotalsFnTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  @Test
  public void totalsStayExactAcrossMerges() {
    Random random = new Random(11);
    Map<String, Long> reference = new HashMap<>();
    TestStream.Builder<KV<String, Iterable<Subtotals>>> firings =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), IterableCoder.of(Subtotals.CODER)));
    for (int firing = 0; firing < 40; firing++) {
      for (String shard : List.of("shard-0", "shard-1")) {
        Map<String, Long> counted = new HashMap<>();
        for (int i = 0; i < 20; i++) {
          // A head of words that change at every firing, and a tail that arrives slowly.
          int rank = random.nextBoolean() ? random.nextInt(5) : random.nextInt(300);
          counted.merge(shard + "-w" + rank, 1L, Long::sum);
        }
        counted.forEach((w, n) -> reference.merge(w, n, Long::sum));
        firings = firings.addElements(KV.of(shard, List.of(Subtotals.of(counted))));
      }
    }

    PCollection<KV<String, Long>> finalTotals =
        pipeline
            .apply(firings.advanceWatermarkToInfinity())
            .apply(
                ParDo.of(new RunningTotalsFn<KV<String, Long>>(8))
                    .withOutputTags(RunningTotalsFn.TOTALS, TupleTagList.empty()))
            .get(RunningTotalsFn.TOTALS)
            // Totals only grow, so each word's largest total is its final count.
            .apply(
                Window.<KV<String, Long>>configure()
                    .triggering(AfterWatermark.pastEndOfWindow())
                    .withAllowedLateness(org.joda.time.Duration.ZERO)
                    .discardingFiredPanes())
            .apply(Max.longsPerKey());
    List<KV<String, Long>> expected = new ArrayList<>();
    reference.forEach((w, n) -> expected.add(KV.of(w, n)));
    that(finalTotals).containsInAnyOrder(expected);
    pipeline.run();
  }
}
