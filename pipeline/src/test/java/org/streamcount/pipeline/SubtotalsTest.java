package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class SubtotalsTest {
  private static final Map<String, Long> COUNTS = Map.of("caf\u00e9", 3L, "", 1L, "\u732b", 2L);

  private static Subtotals copy(Subtotals s) throws Exception {
    return CoderUtils.clone(Subtotals.CODER, s);
  }

  @Test
  void aCopyHoldsTheSameCountsAndLines() throws Exception {
    Coverage read = Coverage.ranges(Map.of("in/0", new long[] {10, 20}));
    Subtotals original = new Subtotals(new HashMap<>(COUNTS), read);

    Subtotals copied = copy(original);

    assertThat(copied.counts()).isEqualTo(COUNTS);
    assertThat(copied.read()).isEqualTo(read);
    assertThat(copied).isEqualTo(original).hasSameHashCodeAs(original);
    assertThat(copy(Subtotals.of(Map.of())).counts()).isEmpty();
    assertThat(copy(Subtotals.of(COUNTS)).read()).isNull();
  }

  @Test
  void copiesOfCopiesKeepTheBytesTheyWereGiven() throws Exception {
    Subtotals original = Subtotals.of(COUNTS);
    byte[] first = CoderUtils.encodeToByteArray(Subtotals.CODER, original);

    // a runner copying a buffer again and again, never reading it, then a firing reading it
    Subtotals copied = original;
    for (int i = 0; i < 5; i++) {
      copied = copy(copied);
      assertThat(CoderUtils.encodeToByteArray(Subtotals.CODER, copied)).isEqualTo(first);
    }
    assertThat(copied.counts()).isEqualTo(COUNTS);
    // read once, still the same bytes
    assertThat(CoderUtils.encodeToByteArray(Subtotals.CODER, copied)).isEqualTo(first);
  }
}
