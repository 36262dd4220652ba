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
        out.accept(text.substring(start, i).toLowerCase(Locale.ROOT));
        start = -1;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      out.accept(text.substring(start).toLowerCase(Locale.ROOT));
    }
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
