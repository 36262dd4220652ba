package org.streamcount.replayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --speedup on a clock of the test's own: the waits are computed, nothing sleeps. */
class EventTimePacingTest {
  private long now = 1_000_000_000L;
  private final List<Long> waits = new ArrayList<>();

  private EventTimePacing pacing(double speedup) {
    return new EventTimePacing(
        speedup,
        () -> now,
        nanos -> {
          waits.add(nanos);
          now += nanos;
        });
  }

  @Test
  void theRecordedGapsDividedByTheSpeedup() throws Exception {
    EventTimePacing pacing = pacing(60);
    pacing.awaitDue(0); // the first record leaves at once
    pacing.awaitDue(60_000); // one recorded minute later: one second
    pacing.awaitDue(60_000); // the same time: no wait
    pacing.awaitDue(180_000); // two more minutes: two seconds
    assertThat(waits).containsExactly(1_000_000_000L, 2_000_000_000L);
  }

  @Test
  void timeSpentSendingCountsTowardsTheGap() throws Exception {
    EventTimePacing pacing = pacing(1);
    pacing.awaitDue(10_000);
    now += 400_000_000L; // the send took 0.4 s
    pacing.awaitDue(11_000);
    assertThat(waits).containsExactly(600_000_000L);
  }

  @Test
  void aRecordOlderThanTheFirstOrAlreadyLateLeavesAtOnce() throws Exception {
    EventTimePacing pacing = pacing(2);
    pacing.awaitDue(10_000);
    pacing.awaitDue(5_000);
    now += 10_000_000_000L;
    pacing.awaitDue(12_000);
    assertThat(waits).isEmpty();
  }

  @Test
  void theSpeedupIsPositive() {
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> new EventTimePacing(bad))
          .isInstanceOf(ReplayException.class)
          .hasMessageContaining("--speedup must be a positive number");
    }
  }
}
