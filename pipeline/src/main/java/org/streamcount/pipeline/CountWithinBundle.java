package org.streamcount.pipeline;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * Counts the words of one bundle before the shuffle: {@code kafka, kafka, streams} leaves as
 * {@code kafka=2, streams=1}. This is combiner lifting done by hand: neither the DirectRunner nor
 * Spark streaming lifts a combiner under a custom trigger, so without it every single word would
 * cross the shuffle and sit in the grouping state.
 */
final class CountWithinBundle extends DoFn<String, KV<String, Long>> {
  private transient Map<String, long[]> counts;
  private transient Instant latest;

  @StartBundle
  public void startBundle() {
    counts = new HashMap<>();
    latest = null;
  }

  @ProcessElement
  public void processElement(@Element String word, @Timestamp Instant timestamp) {
    counts.computeIfAbsent(word, w -> new long[1])[0]++;
    if (latest == null || timestamp.isAfter(latest)) {
      latest = timestamp;
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    // Words arrive in the global window (KafkaIO's); CountWords windows them right after.
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      context.output(KV.of(e.getKey(), e.getValue()[0]), latest, GlobalWindow.INSTANCE);
    }
    counts = null;
  }
}
