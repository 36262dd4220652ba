package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublishedTotalsTest {

  static PublishedTotals startingWith(Map<String, Long> published) throws Exception {
    Constructor<PublishedTotals> c = PublishedTotals.class.getDeclaredConstructor(Map.class);
    c.setAccessible(true);
    return c.newInstance(published);
  }

  private static boolean send(PublishedTotals totals, String word, long total) {
    return totals.sendIfHigher(word, total, false, () -> {});
  }

  @Test
  void onlyHigherTotalsArePublished() throws Exception {
    PublishedTotals totals = startingWith(Map.of("kafka", 106L));
    assertThat(send(totals, "kafka", 102)).as("stale: lower than published").isFalse();
    assertThat(totals.isStale("kafka", 102, false)).isTrue();
    assertThat(send(totals, "kafka", 106)).as("already published").isFalse();
    assertThat(totals.isStale("kafka", 107, false)).isFalse();
    assertThat(send(totals, "kafka", 107)).isTrue();
    assertThat(send(totals, "kafka", 107)).isFalse();
    assertThat(send(totals, "streams", 1)).as("never published").isTrue();
  }

  /** A window's final total marks the total already published as final: it goes out once more. */
  @Test
  void aFinalTotalGoesOutWhenItEqualsTheLastOneButNeverLower() throws Exception {
    PublishedTotals totals = startingWith(Map.of("kafka@2019-10-01T09:00:00Z", 6L));
    assertThat(totals.isStale("kafka@2019-10-01T09:00:00Z", 6, true)).isFalse();
    assertThat(totals.sendIfHigher("kafka@2019-10-01T09:00:00Z", 5, true, () -> {})).isFalse();
    assertThat(totals.sendIfHigher("kafka@2019-10-01T09:00:00Z", 6, true, () -> {})).isTrue();
    assertThat(send(totals, "kafka@2019-10-01T09:00:00Z", 6)).isFalse();
  }

  @Test
  void aTotalWhoseSendFailedMaySendAgainButNothingLower() throws Exception {
    PublishedTotals totals = startingWith(Map.of("kafka", 106L));
    assertThat(send(totals, "kafka", 110)).isTrue();
    totals.sendFailed("kafka", 110);
    assertThat(send(totals, "kafka", 108)).as("still lower than the failed total").isFalse();
    assertThat(send(totals, "kafka", 110)).as("the retry of the failed total").isTrue();
    assertThat(send(totals, "kafka", 110)).as("in flight again").isFalse();
  }

  @Test
  void aFailureOfAnOlderTotalDoesNotReopenANewerOne() throws Exception {
    PublishedTotals totals = startingWith(Map.of());
    assertThat(send(totals, "kafka", 5)).isTrue();
    assertThat(send(totals, "kafka", 7)).isTrue();
    totals.sendFailed("kafka", 5);
    assertThat(send(totals, "kafka", 5)).isFalse();
    assertThat(send(totals, "kafka", 7)).isFalse();
  }

  @Test
  void aSendThatThrowsLeavesTheTotalSendable() throws Exception {
    PublishedTotals totals = startingWith(Map.of("kafka", 3L));
    assertThatThrownBy(
            () ->
                totals.sendIfHigher(
                    "kafka",
                    4,
                    false,
                    () -> {
                      throw new IllegalStateException("producer closed");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(send(totals, "kafka", 4)).isTrue();
  }

  /** Words spread over every stripe, each table grown far past its first size, keep their own. */
  @Test
  void manyWordsEachKeepTheirOwnHighestTotal() throws Exception {
    Map<String, Long> loaded = new java.util.HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      loaded.put("loaded" + i, (long) i + 1);
    }
    PublishedTotals totals = startingWith(loaded);
    for (int i = 0; i < 100_000; i++) {
      assertThat(send(totals, "new" + i, i + 1)).isTrue();
    }
    for (int i = 0; i < 20_000; i++) {
      assertThat(totals.isStale("loaded" + i, i + 1, false)).isTrue();
      assertThat(send(totals, "loaded" + i, i + 2)).isTrue();
    }
    for (int i = 0; i < 100_000; i++) {
      assertThat(send(totals, "new" + i, i + 1)).as("new%d", i).isFalse();
      assertThat(totals.isStale("new" + i, i + 2, false)).isFalse();
    }
    assertThat(totals.isStale("never", 1, false)).isFalse();
  }

  @Test
  void everyFormatReadsBackWhatItWrote() {
    for (OutputFormat format : OutputFormat.values()) {
      assertThat(format.decode(format.encode("kafka", 1_234_567_890_123L)))
          .as(format.toString())
          .isEqualTo(1_234_567_890_123L);
    }
    assertThatThrownBy(() -> OutputFormat.LONG.decode(new byte[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OutputFormat.JSON.decode("{\"word\":\"x\"}".getBytes()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
