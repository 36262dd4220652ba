package org.streamcount.pipeline;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;

/** Line to words with the chosen {@link Tokenizer}; over-long words are counted, not emitted. */
final class ExtractWordsFn extends DoFn<String, String> {
  private final Tokenizer tokenizer;
  private final int maxWordLength;
  private final Counter words = StreamCountMetrics.counter(StreamCountMetrics.WORDS_COUNTED);
  private final Counter tooLong = StreamCountMetrics.counter(StreamCountMetrics.WORDS_TOO_LONG);
  private transient long wordsInBundle;
  private transient long tooLongInBundle;

  ExtractWordsFn(Tokenizer tokenizer, int maxWordLength) {
    this.tokenizer = tokenizer;
    this.maxWordLength = maxWordLength;
  }

  @ProcessElement
  public void processElement(@Element String line, OutputReceiver<String> out) {
    tokenizer.tokenize(
        line,
        word -> {
          if (word.length() > maxWordLength) {
            tooLongInBundle++;
          } else {
            wordsInBundle++;
            out.output(word);
          }
        });
  }

  @FinishBundle
  public void finishBundle() {
    words.inc(wordsInBundle);
    tooLong.inc(tooLongInBundle);
    wordsInBundle = 0;
    tooLongInBundle = 0;
  }
}
