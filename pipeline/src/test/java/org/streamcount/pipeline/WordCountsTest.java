package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class WordCountsTest {
  private static final MapCoder<String, Long> MAP_CODER =
      MapCoder.of(StringUtf8Coder.of(), VarLongCoder.of());

  private static void addSpan(WordCounts counts, String text, int start, int end) {
    counts.add(text, start, end, WordCounts.hash(text, start, end));
  }

  private static Map<String, Long> decoded(WordCounts counts) throws Exception {
    return CoderUtils.decodeFromByteArray(MAP_CODER, counts.encode());
  }

  @Test
  void spansOfLinesCountAsTheirSubstringsWould() throws Exception {
    // many distinct words (the table grows many times), repeats, the empty word, other scripts
    String[] pieces = {"a", "b", "Z", "\u00e9", "\u732b", "\uD83D\uDE00", "7", ""};
    SplittableRandom random = new SplittableRandom(20261206L);
    WordCounts counts = new WordCounts(1);
    Map<String, Long> reference = new HashMap<>();
    for (int i = 0; i < 50_000; i++) {
      StringBuilder line = new StringBuilder("<");
      int length = random.nextInt(6);
      for (int j = 0; j < length; j++) {
        line.append(pieces[random.nextInt(pieces.length)]);
      }
      line.append('>');
      String text = line.toString();
      addSpan(counts, text, 1, text.length() - 1);
      reference.merge(text.substring(1, text.length() - 1), 1L, Long::sum);
    }

    assertThat(counts.toMap()).isEqualTo(reference);
    assertThat(counts.size()).isEqualTo(reference.size());
    assertThat(decoded(counts)).isEqualTo(reference);
  }

  @Test
  void aSpanAndTheSameWordAsAStringAreOneWord() {
    WordCounts counts = new WordCounts(4);
    addSpan(counts, "all streams lead to kafka", 4, 11);
    counts.add("streams");
    addSpan(counts, "streams", 0, 7);

    assertThat(counts.toMap()).containsExactly(Map.entry("streams", 3L));
  }

  @Test
  void theHashOfASpanIsItsStringsHash() {
    String text = "x caf\u00e9 \u732b\uD83D\uDE00 y";
    for (int start = 0; start <= text.length(); start++) {
      for (int end = start; end <= text.length(); end++) {
        assertThat(WordCounts.hash(text, start, end))
            .isEqualTo(text.substring(start, end).hashCode());
      }
    }
  }

  @Test
  void putSetsACountWhateverItWas() throws Exception {
    WordCounts counts = new WordCounts(2);
    counts.add("kafka");
    counts.put("", 1_700_000_000_000L);
    counts.put("kafka", 5);

    assertThat(decoded(counts)).isEqualTo(Map.of("kafka", 5L, "", 1_700_000_000_000L));
  }

  @Test
  void getGivesTheCountOrWhatStandsForNone() {
    WordCounts counts = new WordCounts(1);
    for (int i = 0; i < 1_000; i++) {
      counts.put("w" + i, -i);
    }
    assertThat(counts.get("w999", Long.MIN_VALUE)).isEqualTo(-999);
    assertThat(counts.get("w0", Long.MIN_VALUE)).isZero();
    assertThat(counts.get("w1000", Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    assertThat(counts.size()).isEqualTo(1_000);
  }

  @Test
  void anEmptyTableEncodesAsAnEmptyMap() throws Exception {
    WordCounts empty = new WordCounts(64);

    assertThat(empty.encode()).isEqualTo(CoderUtils.encodeToByteArray(MAP_CODER, Map.of()));
    assertThat(Subtotals.of(empty, null).counts()).isEmpty();
  }
}
