package org.streamcount.pipeline;

import java.io.Serializable;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Splits one line into words. Each mode is named, because the peers streamcount replaces each split
 * differently and users compare counts with them:
 *
 * <ul>
 *   <li>{@code words} (default): lower case, runs of letters and digits (Unicode), never empty.
 *   <li>{@code unicode}: Unicode's word boundaries with ICU's dictionaries, NFKC case folded.
 *   <li>{@code kafka-demo}: exactly Kafka Streams' WordCountDemo, quirks included.
 *   <li>{@code split:<regex>}: Spark SQL's {@code split(value, regex)}, as the seed's listener.
 * </ul>
 */
public interface Tokenizer extends Serializable {
  String SPLIT_PREFIX = "split:";

  /** Hands every word of {@code line} to {@code out}, in order. */
  void tokenize(String line, Consumer<String> out);

  /**
   * The same words as {@link #tokenize(String, Consumer)}, each as a span of a string. A tokenizer
   * that can point into the line (or its lower-cased copy) overrides this; the default makes each
   * word a string of its own.
   */
  default void tokenizeSpans(String line, WordSpanConsumer out) {
    tokenize(line, word -> out.accept(word, 0, word.length()));
  }

  /**
   * The tokenizer named by {@code spec}.
   *
   * @throws IllegalArgumentException naming the valid modes, or the regex error
   */
  static Tokenizer parse(String spec) {
    if (spec == null) {
      throw new IllegalArgumentException(
          "--tokenizer is required: words, unicode, kafka-demo or split:<regex>");
    }
    if (spec.equals(WordsTokenizer.NAME)) {
      return new WordsTokenizer();
    }
    if (spec.equals(UnicodeTokenizer.NAME)) {
      return new UnicodeTokenizer();
    }
    if (spec.equals(KafkaDemoTokenizer.NAME)) {
      return new KafkaDemoTokenizer();
    }
    if (spec.startsWith(SPLIT_PREFIX)) {
      String regex = spec.substring(SPLIT_PREFIX.length());
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "--tokenizer="
                + spec
                + ": not a valid regex: "
                + e.getDescription()
                + " near index "
                + e.getIndex());
      }
      return new SplitTokenizer(regex);
    }
    throw new IllegalArgumentException(
        "unknown --tokenizer '" + spec + "': use words, unicode, kafka-demo or split:<regex>");
  }
}
