package org.streamcount.pipeline;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * {@code --startFrom=latest}: a word's total is what the table held for it when the job started
 * plus what this run has counted. The table's totals travel in the job graph, so a Spark restart
 * from its checkpoint adds the same ones to the counts it restores.
 */
final class AddTableTotalsFn extends DoFn<KV<String, Long>, KV<String, Long>> {
  private final HashMap<String, Long> atStart;

  AddTableTotalsFn(Map<String, Long> atStart) {
    this.atStart = new HashMap<>(atStart);
  }

  @ProcessElement
  public void processElement(
      @Element KV<String, Long> counted, OutputReceiver<KV<String, Long>> out) {
    Long before = atStart.get(counted.getKey());
    out.output(before == null ? counted : KV.of(counted.getKey(), before + counted.getValue()));
  }
}
