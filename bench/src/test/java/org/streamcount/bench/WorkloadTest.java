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
    assertThat(reference.keySet()).allMatch(word -> word.matches("w\\d+")).hasSizeLessThanOrEqualTo(50);
  }

  @Test
  void uniqueWordsAreAllDistinct() {
    Map<String, Long> reference = new Workload(100, 10, 0, true, 1).reference();
    assertThat(reference).hasSize(1_000).allSatisfy((word, count) -> assertThat(count).isEqualTo(1));
  }
}
