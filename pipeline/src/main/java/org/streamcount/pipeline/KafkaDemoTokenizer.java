package org.streamcount.pipeline;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Kafka Streams' WordCountDemo, exactly: {@code
 * value.toLowerCase(Locale.getDefault()).split("\\W+")}. Its quirks are kept on purpose so that
 * counts compare one to one:
 *
 * <ul>
 *   <li>{@code \W} is ASCII: {@code café} becomes {@code caf}.
 *   <li>A line that starts with a non-word character yields a leading empty word {@code ""}; an
 *       empty line yields one {@code ""}; a line of only punctuation yields nothing.
 *   <li>Lower-casing follows the JVM's default locale (Turkish {@code I} differs).
 * </ul>
 *
 * <p>The split is a scan for runs of {@code [a-zA-Z0-9_]} rather than the regex: the same words
 * (TokenizerTest holds it to {@code String.split} on random lines), without the regex engine's
 * per-character work, which was a tenth of a Spark executor's samples.
 */
final class KafkaDemoTokenizer implements Tokenizer {
  static final String NAME = "kafka-demo";

  @Override
  public void tokenize(String line, Consumer<String> out) {
    tokenizeSpans(line, (text, start, end) -> out.accept(text.substring(start, end)));
  }

  @Override
  public void tokenizeSpans(String line, WordSpanConsumer out) {
    // lower-cased first, as the demo does: a few non-ASCII letters lower-case to ASCII ones
    String lower = line.toLowerCase(Locale.getDefault());
    int n = lower.length();
    if (n == 0) {
      out.accept(lower, 0, 0); // no match: split returns the line itself
      return;
    }
    boolean leadingEmpty = !isWordChar(lower.charAt(0));
    int start = -1;
    for (int i = 0; i <= n; i++) {
      boolean word = i < n && isWordChar(lower.charAt(i));
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        if (leadingEmpty) {
          out.accept(
              lower, 0, 0); // split keeps the empty string before a match at 0, if a word follows
          leadingEmpty = false;
        }
        out.accept(lower, start, i);
        start = -1;
      }
    }
  }

  /** Not {@code \W}: the regex's ASCII word characters. */
  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  @Override
  public String toString() {
    return NAME;
  }
}
