package org.streamcount.pipeline;

import java.io.Serializable;
import java.util.function.Consumer;
import org.apache.beam.sdk.metrics.Counter;

/**
 * The words of a line that are counted: the tokenizer's words up to {@code maxWordLength}
 * characters; a longer one is tallied in {@code words-too-long}, never counted (a binary blob with
 * no separators must not become one giant key). Each DoFn that splits lines holds its own copy and
 * calls {@link #flush()} at the end of a bundle, so the counters move once per bundle.
 */
final class LineWords implements Serializable {
  private final Tokenizer tokenizer;
  private final int maxWordLength;
  private final Counter counted = StreamCountMetrics.counter(StreamCountMetrics.WORDS_COUNTED);
  private final Counter tooLong = StreamCountMetrics.counter(StreamCountMetrics.WORDS_TOO_LONG);
  private transient long countedSinceFlush;
  private transient long tooLongSinceFlush;

  LineWords(Tokenizer tokenizer, int maxWordLength) {
    if (maxWordLength < 1) {
      throw new IllegalArgumentException("maxWordLength must be at least 1, not " + maxWordLength);
    }
    this.tokenizer = tokenizer;
    this.maxWordLength = maxWordLength;
  }

  /** Hands every counted word of {@code line} to {@code out}, in order. */
  void split(String line, Consumer<String> out) {
    splitSpans(line, (text, start, end) -> out.accept(text.substring(start, end)));
  }

  /** The same words as {@link #split}, as spans (see {@link Tokenizer#tokenizeSpans}). */
  void splitSpans(String line, WordSpanConsumer out) {
    tokenizer.tokenizeSpans(
        line,
        (text, start, end) -> {
          if (end - start > maxWordLength) {
            tooLongSinceFlush++;
          } else {
            countedSinceFlush++;
            out.accept(text, start, end);
          }
        });
  }

  void flush() {
    counted.inc(countedSinceFlush);
    tooLong.inc(tooLongSinceFlush);
    countedSinceFlush = 0;
    tooLongSinceFlush = 0;
  }
}
