package org.streamcount.pipeline;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The default: words are maximal runs of Unicode letters and digits, lower-cased with {@link
 * Locale#ROOT} so the result does not depend on the machine's locale. Lines are put in NFC first
 * and combining marks continue a word, so {@code café} is one word whether its {@code é} arrived as
 * one code point or two. {@code don't} is two words. Never emits an empty word.
 */
public final class WordsTokenizer implements Tokenizer {
  public static final String NAME = "words";

  @Override
  public void tokenize(String line, Consumer<String> out) {
    tokenizeSpans(line, (text, start, end) -> out.accept(text.substring(start, end)));
  }

  @Override
  public void tokenizeSpans(String line, WordSpanConsumer out) {
    if (isAscii(line)) {
      asciiWords(line.toLowerCase(Locale.ROOT), out);
    } else {
      unicodeWords(line, out);
    }
  }

  /**
   * The same words for a line of ASCII alone, most lines: letters and digits are [A-Za-z0-9] there,
   * there are no marks, the line is NFC already and lower-cases in place, so the words are spans of
   * its lower-cased copy.
   */
  private static void asciiWords(String lower, WordSpanConsumer out) {
    int n = lower.length();
    int start = -1;
    for (int i = 0; i < n; i++) {
      char c = lower.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0) {
        out.accept(lower, start, i);
        start = -1;
      }
    }
    if (start >= 0) {
      out.accept(lower, start, n);
    }
  }

  private static void unicodeWords(String line, WordSpanConsumer out) {
    String text =
        Normalizer.isNormalized(line, Normalizer.Form.NFC)
            ? line
            : Normalizer.normalize(line, Normalizer.Form.NFC);
    int n = text.length();
    int start = -1;
    for (int i = 0; i < n; ) {
      int cp = text.codePointAt(i);
      if (Character.isLetterOrDigit(cp) || (start >= 0 && isMark(cp))) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0) {
        lowerCased(text.substring(start, i), out);
        start = -1;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      lowerCased(text.substring(start), out);
    }
  }

  private static void lowerCased(String word, WordSpanConsumer out) {
    String lower = word.toLowerCase(Locale.ROOT);
    out.accept(lower, 0, lower.length());
  }

  private static boolean isAscii(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  @Override
  public String toString() {
    return NAME;
  }
}
