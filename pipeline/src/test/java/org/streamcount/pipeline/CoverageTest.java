package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CoverageTest {
  private static Coverage of(String partition, long from, long to) {
    return Coverage.ranges(Map.of(partition, new long[] {from, to}));
  }

  @Test
  void rangesMergeWhenTheyTouchAndStayApartWhenNot() {
    Coverage c = of("in/0", 0, 10).union(of("in/0", 10, 20)).union(of("in/0", 30, 40));
    assertThat(c.encode()).isEqualTo("in/0=0-20,30-40");
    assertThat(c.coveredUpTo("in/0")).isEqualTo(20);
    assertThat(c.covers("in/0", 19)).isTrue();
    assertThat(c.covers("in/0", 20)).isFalse();
    assertThat(c.covers("in/0", 35)).isTrue();
    assertThat(c.covers("in/1", 0)).isFalse();
    // the missing range arrives later (bundles can reach a shard out of order)
    assertThat(c.union(of("in/0", 20, 30)).encode()).isEqualTo("in/0=0-40");
  }

  @Test
  void aCoverageReadsBackAsItWasWritten() {
    Coverage c =
        of("my-topic.v2/3", 5, 7)
            .union(Coverage.below(Map.of("other/0", 100L)))
            .union(of("my-topic.v2/3", 9, 12));
    assertThat(Coverage.decode(c.encode())).isEqualTo(c);
    assertThat(Coverage.decode("")).isEqualTo(Coverage.none());
    assertThatThrownBy(() -> Coverage.decode("in/0=ten-eleven"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gapsAreWhatIsNotCoveredBelowTheHighestCovered() {
    Coverage c = of("in/0", 0, 10).union(of("in/0", 12, 20)).union(of("in/1", 5, 9));
    assertThat(c.gaps().get("in/0")).containsExactly(new long[] {10, 12});
    assertThat(c.gaps().get("in/1")).containsExactly(new long[] {0, 5});
    assertThat(of("in/0", 0, 10).gaps()).isEmpty();
  }

  @Test
  void aboveKeepsOnlyWhatIsAtOrAboveTheStartOfNamedPartitions() {
    Coverage c = of("in/0", 0, 50).union(of("in/1", 0, 8));
    assertThat(c.above(Map.of("in/0", 40L, "in/1", 8L)).encode()).isEqualTo("in/0=40-50");
    assertThat(c.above(Map.of("in/2", 0L)).isEmpty()).isTrue();
    assertThat(c.coveredUpTo()).isEqualTo(Map.of("in/0", 50L, "in/1", 8L));
    assertThat(c.ends()).isEqualTo(Map.of("in/0", 50L, "in/1", 8L));
  }
}
