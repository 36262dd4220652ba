package org.streamcount.pipeline;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

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
 */
final class KafkaDemoTokenizer implements Tokenizer {
  static final String NAME = "kafka-demo";
  private static final Pattern NON_WORD = Pattern.compile("\\W+");

  @Override
  public void tokenize(String line, Consumer<String> out) {
    for (String word : NON_WORD.split(line.toLowerCase(Locale.getDefault()))) {
      out.accept(word);
    }
  }

  @Override
  public String toString() {
    return NAME;
  }
}
