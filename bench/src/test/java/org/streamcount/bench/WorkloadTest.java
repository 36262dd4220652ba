package org.streamcount.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadTest {
  @Test
  void theSameWorkloadIsTheSameLinesAndItsReferenceCountsThem() {
    Workload w = new Workload(1_000, 7, 50, false, 42);
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    w.forEachLine(first::add);
    w.forEachLine(second::add);
    assertThat(first).hasSize(1_000).isEqualTo(second);
    Map<String, Long> reference = w.reference();
    assertThat(reference.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(7_000);
    assertThat(reference.keySet())
        .allMatch(word -> word.matches("w\\d+"))
        .hasSizeLessThanOrEqualTo(50);
  }

  @Test
  void uniqueWordsAreAllDistinct() {
    Map<String, Long> reference = new Workload(100, 10, 0, true, 1).reference();
    assertThat(reference)
        .hasSize(1_000)
        .allSatisfy((word, count) -> assertThat(count).isEqualTo(1));
  }

  @Test
  void zipfWordsHaveALongTailAndAHead() {
    Workload w = new Workload(20_000, 10, 100_000, Workload.Distribution.ZIPF, 1.0, 7);
    Map<String, Long> reference = w.reference();
    assertThat(reference.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(200_000);
    // rank 1 of 100,000 under s = 1 has probability 1 / H(100,000), about 8%
    assertThat(reference.get("w0")).isBetween(14_000L, 18_000L);
    assertThat(reference.get("w0"))
        .isGreaterThan(reference.get("w1"))
        .isGreaterThan(reference.getOrDefault("w9", 0L));
    long seenOnce = reference.values().stream().filter(c -> c == 1).count();
    assertThat(seenOnce).as("the long tail").isGreaterThan(reference.size() / 3);
    assertThat(reference.keySet()).allMatch(word -> Integer.parseInt(word.substring(1)) < 100_000);
  }

  @Test
  void rankOfFindsTheFirstRankReachingTheDraw() {
    double[] cdf = {0.5, 0.75, 1.0};
    assertThat(Workload.rankOf(cdf, 0.0)).isZero();
    assertThat(Workload.rankOf(cdf, 0.5)).isZero();
    assertThat(Workload.rankOf(cdf, 0.51)).isEqualTo(1);
    assertThat(Workload.rankOf(cdf, 0.99)).isEqualTo(2);
  }
}
