package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublishedTotalsTest {

  private static PublishedTotals startingWith(Map<String, Long> published) throws Exception {
    Constructor<PublishedTotals> c = PublishedTotals.class.getDeclaredConstructor(Map.class);
    c.setAccessible(true);
    return c.newInstance(published);
  }

  @Test
  void onlyHigherTotalsArePublished() throws Exception {
    PublishedTotals totals = startingWith(Map.of("kafka", 106L));
    assertThat(totals.advance("kafka", 102)).as("stale: lower than published").isFalse();
    assertThat(totals.advance("kafka", 106)).as("already published").isFalse();
    assertThat(totals.advance("kafka", 107)).isTrue();
    assertThat(totals.advance("kafka", 107)).isFalse();
    assertThat(totals.advance("streams", 1)).as("never published").isTrue();
  }

  @Test
  void everyFormatReadsBackWhatItWrote() {
    for (OutputFormat format : OutputFormat.values()) {
      assertThat(format.decode(format.encode("kafka", 1_234_567_890_123L))).as(format.toString()).isEqualTo(1_234_567_890_123L);
    }
    assertThatThrownBy(() -> OutputFormat.LONG.decode(new byte[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OutputFormat.JSON.decode("{\"word\":\"x\"}".getBytes())).isInstanceOf(IllegalArgumentException.class);
  }
}
