package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class CoveredTotalsTest {
  private static final Coverage READ = Coverage.ranges(Map.of("in/0", new long[] {0, 1500}));

  private static CoveredTotals copy(CoveredTotals c) throws Exception {
    return CoderUtils.clone(CoveredTotals.CODER, c);
  }

  @Test
  void aFiringsTotalsTravelWithTheirOneCoverage() throws Exception {
    CoveredTotals.Builder firing = new CoveredTotals.Builder(READ);
    for (int i = 0; i < 40; i++) {
      firing.add("w" + i, 1L << i); // past the builder's first 16 and up to 8-byte varints
    }
    firing.add("caf\u00e9", 3);
    firing.add("", 1);

    CoveredTotals copied = copy(firing.build());

    assertThat(copied.isProgress()).isFalse();
    assertThat(copied.covers()).isEqualTo(READ);
    assertThat(copied.size()).isEqualTo(42);
    for (int i = 0; i < 40; i++) {
      assertThat(copied.word(i)).isEqualTo("w" + i);
      assertThat(copied.total(i)).isEqualTo(1L << i);
    }
    assertThat(copied.word(40)).isEqualTo("caf\u00e9");
    assertThat(copied.total(41)).isEqualTo(1);
  }

  @Test
  void aWordWithLinesOfItsOwnTravelsAlone() throws Exception {
    Coverage more = READ.union(Coverage.ranges(Map.of("in/0", new long[] {2000, 2100})));

    CoveredTotals copied = copy(CoveredTotals.one("kafka", 7, more));

    assertThat(copied.size()).isEqualTo(1);
    assertThat(copied.word(0)).isEqualTo("kafka");
    assertThat(copied.total(0)).isEqualTo(7);
    assertThat(copied.covers()).isEqualTo(more);
  }

  @Test
  void progressIsNotAnEmptyFiring() throws Exception {
    CoveredTotals progress = copy(CoveredTotals.progress(READ));
    CoveredTotals empty = copy(new CoveredTotals.Builder(Coverage.none()).build());

    assertThat(progress.isProgress()).isTrue();
    assertThat(progress.covers()).isEqualTo(READ);
    assertThat(progress.size()).isZero();
    assertThat(empty.isProgress()).isFalse();
    assertThat(empty.covers().isEmpty()).isTrue();
  }
}
