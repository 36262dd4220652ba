package org.streamcount.pipeline;

import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Spark SQL's {@code split(value, regex)}, as the seed's PySpark listener uses it: no case change,
 * and empty strings kept, trailing ones included ({@code "a::b:"} split on {@code :} is {@code a,
 * "", b, ""}), which Java's {@code String.split} would drop. For an empty regex Spark splits into
 * single characters, and so does this.
 */
final class SplitTokenizer implements Tokenizer {
  private final String regex;
  private transient Pattern pattern;

  SplitTokenizer(String regex) {
    this.regex = regex;
  }

  @Override
  public void tokenize(String line, Consumer<String> out) {
    if (regex.isEmpty()) {
      splitIntoCharacters(line, out);
      return;
    }
    if (pattern == null) {
      pattern = Pattern.compile(regex);
    }
    for (String word : pattern.split(line, -1)) {
      out.accept(word);
    }
  }

  /** Spark: every code point on its own; an empty line stays one empty string. */
  private static void splitIntoCharacters(String line, Consumer<String> out) {
    if (line.isEmpty()) {
      out.accept("");
      return;
    }
    line.codePoints().forEach(cp -> out.accept(new String(Character.toChars(cp))));
  }

  @Override
  public String toString() {
    return Tokenizer.SPLIT_PREFIX + regex;
  }
}
