package org.streamcount.pipeline;

import org.apache.beam.sdk.transforms.DoFn;

/**
 * Line to words, one element per word: only for an element-count trigger, which counts words.
 * Otherwise {@link CountWithinBundleFn} splits and counts in one step.
 */
final class ExtractWordsFn extends DoFn<Line, String> {
  private final LineWords words;

  ExtractWordsFn(LineWords words) {
    this.words = words;
  }

  @ProcessElement
  public void processElement(@Element Line line, OutputReceiver<String> out) {
    if (line.text() != null) {
      words.split(line.text(), out::output);
    }
  }

  @FinishBundle
  public void finishBundle() {
    words.flush();
  }
}
