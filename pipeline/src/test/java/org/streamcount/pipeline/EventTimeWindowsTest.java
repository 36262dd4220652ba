package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTimeWindowsTest {
  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  private static List<String> keys(EventTimeWindows windows, String word, String instant) {
    List<String> keys = new ArrayList<>();
    windows.keysOf(word, at(instant), keys::add);
    return keys;
  }

  @Test
  void globalIsTheWordItself() {
    assertThat(keys(EventTimeWindows.global(), "kafka", "2019-10-01T09:00:30Z"))
        .containsExactly("kafka");
  }

  @Test
  void fixedWindowsAreAlignedToTheEpochAndHalfOpen() {
    EventTimeWindows minute = EventTimeWindows.fixed(Duration.ofMinutes(1));
    assertThat(keys(minute, "kafka", "2019-10-01T09:00:00Z"))
        .containsExactly("kafka@2019-10-01T09:00:00Z");
    assertThat(keys(minute, "kafka", "2019-10-01T09:00:59.999Z"))
        .containsExactly("kafka@2019-10-01T09:00:00Z");
    assertThat(keys(minute, "kafka", "2019-10-01T09:01:00Z"))
        .containsExactly("kafka@2019-10-01T09:01:00Z");
    assertThat(keys(minute, "kafka", "1969-12-31T23:59:59.500Z"))
        .as("before the epoch")
        .containsExactly("kafka@1969-12-31T23:59:00Z");
  }

  @Test
  void slidingWindowsHoldAnInstantInSizeOverPeriodOfThem() {
    EventTimeWindows windows =
        EventTimeWindows.sliding(Duration.ofMinutes(3), Duration.ofMinutes(1));
    assertThat(keys(windows, "kafka", "2019-10-01T09:02:30Z"))
        .containsExactly(
            "kafka@2019-10-01T09:02:00Z",
            "kafka@2019-10-01T09:01:00Z",
            "kafka@2019-10-01T09:00:00Z");
    assertThat(windows.toString()).isEqualTo("sliding:PT3M,PT1M");
    assertThatThrownBy(() -> EventTimeWindows.sliding(Duration.ofMinutes(1), Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventTimeWindows.sliding(Duration.ofDays(1), Duration.ofMillis(1)))
        .hasMessageContaining("more than 1,000 sliding windows");
  }

  @Test
  void aKeyGivesBackItsWordAndStartEvenWhenTheWordHoldsTheSeparator() {
    String key = EventTimeWindows.key("me@example.org", at("2019-10-01T09:00:00Z"));
    assertThat(key).isEqualTo("me@example.org@2019-10-01T09:00:00Z");
    assertThat(EventTimeWindows.wordOf(key)).isEqualTo("me@example.org");
    assertThat(EventTimeWindows.startOf(key)).isEqualTo(at("2019-10-01T09:00:00Z"));
    assertThatThrownBy(() -> EventTimeWindows.startOf("kafka"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
