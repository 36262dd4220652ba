package org.streamcount.pipeline.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationOptionTest {
  @Test
  void readsTheUsualSpellings() {
    assertThat(DurationOption.parse("d", "1s")).isEqualTo(Duration.ofSeconds(1));
    assertThat(DurationOption.parse("d", "250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(DurationOption.parse("d", "1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(DurationOption.parse("d", "2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationOption.parse("d", "0s")).isEqualTo(Duration.ZERO);
    assertThat(DurationOption.parse("d", "PT0.1S")).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void rejectsNegativeAndGarbage() {
    assertThatThrownBy(() -> DurationOption.parse("triggerDelay", "-1s"))
        .hasMessage("--triggerDelay must not be negative, got '-1s'");
    assertThatThrownBy(() -> DurationOption.parse("triggerDelay", "soon"))
        .hasMessage("--triggerDelay is not a duration: 'soon' (use e.g. 1s, 250ms, 2m or PT1S)");
    assertThatThrownBy(() -> DurationOption.parse("triggerDelay", ""))
        .hasMessage("--triggerDelay needs a duration such as 1s or 250ms");
  }
}
