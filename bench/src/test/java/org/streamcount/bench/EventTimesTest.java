package org.streamcount.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTimesTest {
  @Test
  void linesSpreadInOrderOverTheHourAndEachWordCountsInItsMinute() {
    EventTimes times = EventTimes.hourOf2019(1);
    Workload w = new Workload(600, 5, 20, false, 42);
    assertThat(times.timeOf(0, 600)).isEqualTo(times.startMillis());
    assertThat(times.timeOf(599, 600)).isLessThan(times.startMillis() + 3_600_000L);
    assertThat(times.timeOf(10, 600)).isEqualTo(times.startMillis() + 60_000L);

    Map<String, Long> windowed = times.reference(w);
    assertThat(windowed.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3_000);
    assertThat(windowed.keySet())
        .allMatch(key -> key.matches("w\\d+@2019-10-01T(09|10):\\d\\d:00Z"))
        .anyMatch(key -> key.endsWith("@2019-10-01T09:59:00Z"));
    // ten lines a minute: no word counts more often in one minute than its minute has words
    assertThat(windowed.values()).allMatch(n -> n <= 50);
  }
}
