package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecodedTotalsTest {
  @Test
  void aCopyChangedByABundleThatFailedIsNeverReadAgain() {
    long version = DecodedTotals.newVersion();
    Map<String, Long> written = new HashMap<>(Map.of("kafka", 3L));
    byte[] state = DecodedTotals.encode(written);
    DecodedTotals.keep("shard-0/recent", version, written);

    Map<String, Long> taken = DecodedTotals.exclusive("shard-0/recent", version, state);
    assertThat(taken).isSameAs(written);
    taken.put("kafka", 4L); // ... and the bundle fails before its state is committed

    // The retry reads the state as committed: version and bytes unchanged.
    assertThat(DecodedTotals.exclusive("shard-0/recent", version, state))
        .containsExactly(Map.entry("kafka", 3L));
  }

  @Test
  void aCopyOfAnotherVersionIsNotUsed() {
    long older = DecodedTotals.newVersion();
    long newer = DecodedTotals.newVersion();
    DecodedTotals.keep("shard-1/settled", newer, Map.of("kafka", 9L));
    byte[] olderState = DecodedTotals.encode(Map.of("kafka", 5L));

    assertThat(DecodedTotals.shared("shard-1/settled", older, olderState))
        .containsExactly(Map.entry("kafka", 5L));
  }

  @Test
  void noVersionIsAnEmptyMap() {
    assertThat(DecodedTotals.exclusive("shard-2/recent", DecodedTotals.NONE, null)).isEmpty();
  }

  /** A firing changes the recent map it takes; one decoded from state must be changeable too. */
  @Test
  void aDecodedMapCanBeChangedEvenWhenEmpty() {
    for (Map<String, Long> written : List.of(Map.<String, Long>of(), Map.of("kafka", 1L))) {
      Map<String, Long> decoded =
          DecodedTotals.exclusive(
              "shard-3/recent", DecodedTotals.newVersion(), DecodedTotals.encode(written));
      decoded.put("streams", 2L);
      assertThat(decoded).containsEntry("streams", 2L).hasSize(written.size() + 1);
    }
  }
}
