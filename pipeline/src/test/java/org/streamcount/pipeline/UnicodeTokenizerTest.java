package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;

class UnicodeTokenizerTest {

  private static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    Tokenizer tokenizer = SerializableUtils.clone(Tokenizer.parse("unicode"));
    tokenizer.tokenize(line, out::add);
    return out;
  }

  @Test
  void theHardCasesCountAsUsersExpect() {
    assertThat(words("Don't stop")).containsExactly("don't", "stop");
    assertThat(words("Straße STRASSE strasse")).containsExactly("strasse", "strasse", "strasse");
    assertThat(words("ｋａｆｋａ Kafka")).containsExactly("kafka", "kafka");
    assertThat(words("H₂O and x²")).containsExactly("h2o", "and", "x2");
    assertThat(words("ﬁnal ﬂow")).containsExactly("final", "flow");
    // Persian: a zero-width non-joiner inside a word keeps it one word
    assertThat(words("می\u200Cخواهم")).hasSize(1);
    // the same é, precomposed or not
    assertThat(words("cafe\u0301 café")).containsExactly("café", "café");
    assertThat(words("3.14 and 1,000")).containsExactly("3.14", "and", "1,000");
  }

  @Test
  void scriptsWithoutSpacesAreSegmentedByDictionary() {
    assertThat(words("我喜欢卡夫卡"))
        .as("Chinese")
        .hasSizeGreaterThan(1)
        .allMatch(w -> w.length() <= 3)
        .contains("喜欢");
    assertThat(words("東京に行きます")).as("Japanese").contains("東京").hasSizeGreaterThan(2);
    assertThat(words("ภาษาไทยง่ายนิดเดียว")).as("Thai").hasSizeGreaterThan(2).contains("ภาษา");
    assertThat(String.join("", words("ภาษาไทยง่ายนิดเดียว"))).isEqualTo("ภาษาไทยง่ายนิดเดียว");
  }

  @Test
  void onlyWordsAreKept() {
    assertThat(words("")).isEmpty();
    assertThat(words("!!! ... --- 。、")).isEmpty();
    assertThat(words("«Hola», dijo: ¡adiós!")).containsExactly("hola", "dijo", "adiós");
  }

  /** Real text in three languages and two scripts, written by others (see text/SOURCES.md). */
  @Test
  void realTextGivesWordsOnly() throws IOException {
    String sample = resource("/text/fortunes-sample.txt");
    List<String> all = new ArrayList<>();
    for (String line : sample.split("\n")) {
      if (!line.startsWith("#")) {
        words(line).forEach(all::add);
      }
    }
    assertThat(all)
        .hasSizeGreaterThan(300)
        .allMatch(w -> w.codePoints().anyMatch(Character::isLetterOrDigit), "has a letter or digit")
        .allMatch(w -> w.equals(w.toLowerCase(java.util.Locale.ROOT)), "is case folded")
        .contains("sólo", "critícate", "nell'altra", "作者");
    // No Chinese punctuation survives, and the poem's characters are all counted.
    String line = "兰叶春葳蕤，桂华秋皎洁。";
    assertThat(String.join("", words(line))).isEqualTo("兰叶春葳蕤桂华秋皎洁");
  }

  /**
   * Unicode's own conformance test for word boundaries (UAX #29), run on the segmentation the
   * tokenizer uses, before it keeps only words. The file is Unicode 15.0's (the newest Debian
   * ships); ICU 78 implements Unicode 17, where U+2701 UPPER BLADE SCISSORS is no longer
   * Extended_Pictographic, so the two lines that join it to a zero-width joiner break there now.
   * Every other line must pass.
   */
  @Test
  void wordBoundariesPassUnicodesConformanceTest() throws IOException {
    String test = resource("/unicode/WordBreakTest-15.0.0.txt");
    BreakIterator words = BreakIterator.getWordInstance(ULocale.ROOT);
    int lines = 0;
    List<String> failed = new ArrayList<>();
    for (String raw : test.split("\n")) {
      String spec = raw.contains("#") ? raw.substring(0, raw.indexOf('#')).trim() : raw.trim();
      if (spec.isEmpty()) {
        continue;
      }
      StringBuilder text = new StringBuilder();
      List<Integer> expected = new ArrayList<>();
      for (String token : spec.split("\\s+")) {
        if (token.equals("÷")) {
          expected.add(text.length());
        } else if (!token.equals("×")) {
          text.appendCodePoint(Integer.parseInt(token, 16));
        }
      }
      words.setText(text.toString());
      List<Integer> actual = new ArrayList<>();
      for (int b = words.first(); b != BreakIterator.DONE; b = words.next()) {
        actual.add(b);
      }
      lines++;
      if (!actual.equals(expected)) {
        failed.add(spec);
      }
    }
    assertThat(lines).isGreaterThan(1800);
    assertThat(
            com.ibm.icu.lang.UCharacter.hasBinaryProperty(
                0x2701, com.ibm.icu.lang.UProperty.EXTENDED_PICTOGRAPHIC))
        .isFalse();
    assertThat(failed)
        .as("lines of WordBreakTest-15.0.0.txt where ICU breaks differently")
        .containsExactlyInAnyOrder("÷ 2701 × 200D × 2701 ÷", "÷ 0061 × 200D × 2701 ÷");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = UnicodeTokenizerTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
