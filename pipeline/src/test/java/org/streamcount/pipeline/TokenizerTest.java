package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;

class TokenizerTest {

  private static List<String> words(String spec, String line) {
    List<String> out = new ArrayList<>();
    // Every tokenizer travels to workers: tokenize with a serialized copy, as a runner would.
    Tokenizer tokenizer = SerializableUtils.clone(Tokenizer.parse(spec));
    tokenizer.tokenize(line, out::add);
    return out;
  }

  /** Up to 7 pieces drawn at random, joined. */
  private static String randomLine(SplittableRandom random, String[] pieces) {
    StringBuilder line = new StringBuilder();
    int length = random.nextInt(8);
    for (int j = 0; j < length; j++) {
      line.append(pieces[random.nextInt(pieces.length)]);
    }
    return line.toString();
  }

  @Test
  void wordsLowerCasesAndSplitsOnRunsOfNonLetters() {
    assertThat(words("words", "All streams lead to Kafka"))
        .containsExactly("all", "streams", "lead", "to", "kafka");
    assertThat(words("words", "  hello,   kafka!!streams\t2024 "))
        .containsExactly("hello", "kafka", "streams", "2024");
    assertThat(words("words", "don't")).containsExactly("don", "t");
  }

  @Test
  void wordsKeepsUnicodeLettersWhole() {
    assertThat(words("words", "Café naïve Ärger ΣΟΦΊΑ 東京"))
        .containsExactly("café", "naïve", "ärger", "σοφία", "東京");
    // é as e + U+0301 is the same word as the precomposed é
    assertThat(words("words", "cafe\u0301 café")).containsExactly("café", "café");
  }

  @Test
  void wordsNeverEmitsAnEmptyWord() {
    assertThat(words("words", "")).isEmpty();
    assertThat(words("words", "!!! ... ---")).isEmpty();
    assertThat(words("words", ",leading and trailing,"))
        .containsExactly("leading", "and", "trailing");
  }

  @Test
  void wordsIgnoresTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr"));
      assertThat(words("words", "TITLE")).containsExactly("title");
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void kafkaDemoIsWordCountDemoQuirksIncluded() {
    assertThat(words("kafka-demo", "all streams lead to kafka"))
        .containsExactly("all", "streams", "lead", "to", "kafka");
    // ASCII \W: the é splits the word
    assertThat(words("kafka-demo", "café")).containsExactly("caf");
    // a leading non-word character yields a leading empty word, trailing ones do not
    assertThat(words("kafka-demo", ",hello kafka,")).containsExactly("", "hello", "kafka");
    assertThat(words("kafka-demo", "")).containsExactly("");
    assertThat(words("kafka-demo", "!!!")).isEmpty();
    assertThat(words("kafka-demo", "snake_case x2")).containsExactly("snake_case", "x2");
  }

  @Test
  void kafkaDemoMatchesStringSplitOnArbitraryLines() {
    String[] lines = {"A b", " a", "a ", "  ", "a,,b", "ÄÖÜ äöü", "x\ty\r\n", "under_score"};
    for (String line : lines) {
      assertThat(words("kafka-demo", line))
          .as(line)
          .containsExactly(line.toLowerCase(Locale.getDefault()).split("\\W+"));
    }
  }

  @Test
  void kafkaDemoMatchesStringSplitOnRandomLines() {
    // letters of both cases, digits, '_', spaces, punctuation, letters that lower-case to ASCII
    // (Kelvin sign) or to two chars (dotted I), other scripts and a surrogate pair
    String[] pieces = {
      "a",
      "Z",
      "k",
      "7",
      "_",
      " ",
      "  ",
      ",",
      "!?",
      "\t",
      "é",
      "ß",
      "\u212A",
      "\u0130",
      "Ω",
      "日",
      "\uD83D\uDE00",
      "-",
      "x1"
    };
    Tokenizer kafkaDemo = Tokenizer.parse("kafka-demo");
    SplittableRandom random = new SplittableRandom(20261206L);
    for (int i = 0; i < 20_000; i++) {
      String text = randomLine(random, pieces);
      List<String> words = new ArrayList<>();
      kafkaDemo.tokenize(text, words::add);
      assertThat(words)
          .as("'%s'", text)
          .containsExactly(text.toLowerCase(Locale.getDefault()).split("\\W+"));
    }
  }

  @Test
  void wordsOfAnAsciiLineAreTheSameOnTheUnicodePath() {
    // ASCII lines take a path of their own; a non-ASCII word at the end sends the same line down
    // the general one, which must find the same words before it
    String[] pieces = {"a", "Z", "k", "7", "_", " ", ",", "'", "!?", "\t", "x1", "Kafka", "-"};
    SplittableRandom random = new SplittableRandom(20261207L);
    for (int i = 0; i < 20_000; i++) {
      String ascii = randomLine(random, pieces);
      List<String> expected = new ArrayList<>();
      for (String word : ascii.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
        if (!word.isEmpty()) {
          expected.add(word);
        }
      }
      List<String> unicodePath = new ArrayList<>(expected);
      unicodePath.add("\u00e9t\u00e9");

      assertThat(words("words", ascii)).as("'%s'", ascii).isEqualTo(expected);
      assertThat(words("words", ascii + " \u00c9T\u00c9")).as("'%s'", ascii).isEqualTo(unicodePath);
    }
  }

  @Test
  void everyTokenizerGivesTheSameWordsAsSpans() {
    String[] lines = {
      "",
      " ",
      "All streams lead to Kafka",
      ",hello kafka,",
      "caf\u00e9 na\u00efve \u732b",
      "a:b::c",
      "x"
    };
    for (String spec : List.of("words", "unicode", "kafka-demo", "split:\\s+", "split::")) {
      Tokenizer tokenizer = Tokenizer.parse(spec);
      for (String line : lines) {
        List<String> spans = new ArrayList<>();
        tokenizer.tokenizeSpans(line, (text, start, end) -> spans.add(text.substring(start, end)));
        assertThat(spans).as("%s '%s'", spec, line).isEqualTo(words(spec, line));
      }
    }
  }

  @Test
  void splitKeepsSparkSemanticsForEmptyTokens() {
    assertThat(words("split::", "a:b")).containsExactly("a", "b");
    assertThat(words("split::", "a::b:")).containsExactly("a", "", "b", "");
    assertThat(words("split::", ":a")).containsExactly("", "a");
    assertThat(words("split::", "")).containsExactly("");
    assertThat(words("split::", "no colon")).containsExactly("no colon");
    // no case change
    assertThat(words("split: ", "Hello World")).containsExactly("Hello", "World");
  }

  @Test
  void splitWithARegex() {
    assertThat(words("split:[,;]\\s*", "a, b;c")).containsExactly("a", "b", "c");
    assertThat(words("split:\\s+", " a b ")).containsExactly("", "a", "b", "");
  }

  @Test
  void splitOnEmptyRegexGivesCharactersLikeSpark() {
    assertThat(words("split:", "ab€")).containsExactly("a", "b", "€");
    assertThat(words("split:", "")).containsExactly("");
  }

  @Test
  void theSeedsJsonRowSplitOnColon() {
    String row = "[{\"device_id\":10,\"speed\":12.245}]";
    assertThat(words("split::", row))
        .containsExactly("[{\"device_id\"", "10,\"speed\"", "12.245}]");
  }

  @Test
  void unknownModesAndBadRegexesAreClearErrors() {
    assertThatThrownBy(() -> Tokenizer.parse("letters"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown --tokenizer 'letters': use words, unicode, kafka-demo or split:<regex>");
    assertThatThrownBy(() -> Tokenizer.parse("split:[a-"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--tokenizer=split:[a-: not a valid regex:");
  }
}
