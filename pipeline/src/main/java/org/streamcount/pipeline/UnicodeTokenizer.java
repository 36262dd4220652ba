package org.streamcount.pipeline;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.util.ULocale;
import java.util.function.Consumer;

/**
 * Words as Unicode defines them (UAX #29), with ICU's dictionaries for the scripts written without
 * spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese), as Lucene's and Elasticsearch's ICU
 * tokenizers do.
 *
 * <p>The line is first normalised with NFKC case folding, so that {@code Straße} and {@code
 * STRASSE}, full-width {@code ｋａｆｋａ} and {@code kafka}, {@code H₂O} and {@code h2o}, ligatures and
 * their letters count as one word each; then segmented. Only segments that are words are kept:
 * letters, numbers, kana and ideographs, not spaces or punctuation. {@code don't} stays one word; a
 * Persian word written with a zero-width non-joiner stays one word.
 */
final class UnicodeTokenizer implements Tokenizer {
  static final String NAME = "unicode";

  private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

  /** A BreakIterator keeps the text it walks: one per thread. */
  private static final ThreadLocal<BreakIterator> WORDS =
      ThreadLocal.withInitial(() -> BreakIterator.getWordInstance(ULocale.ROOT));

  @Override
  public void tokenize(String line, Consumer<String> out) {
    String text = NFKC_CASEFOLD.isNormalized(line) ? line : NFKC_CASEFOLD.normalize(line);
    BreakIterator words = WORDS.get();
    words.setText(text);
    int start = words.first();
    for (int end = words.next(); end != BreakIterator.DONE; start = end, end = words.next()) {
      // The rule status of a segment says what it is; below WORD_NONE_LIMIT: spaces, punctuation.
      if (words.getRuleStatus() >= BreakIterator.WORD_NONE_LIMIT) {
        out.accept(text.substring(start, end));
      }
    }
  }

  @Override
  public String toString() {
    return NAME;
  }
}
