package org.streamcount.pipeline.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streamcount.pipeline.Coverage;

class JobProgressTest {
  private static Coverage upTo(long offset) {
    return Coverage.below(Map.of("in/0", offset));
  }

  @Test
  void theTableHoldsEveryLineBelowTheSlowestShardOfACompleteShardCount() {
    JobProgress progress =
        JobProgress.of(
            Map.of(
                // a run in 2 shards: both reported
                "job/2/0", upTo(500),
                "job/2/1", upTo(300),
                // a later run in 3 shards died before shard 2 reported: it says nothing
                "job/3/0", upTo(900),
                "job/3/1", upTo(900)));
    assertThat(progress.countedUpTo("job")).isEqualTo(Map.of("in/0", 300L));
    assertThat(progress.countedUpTo("other")).isEmpty();
  }

  @Test
  void ofTwoCompleteShardCountsTheFurtherOneCounts() {
    JobProgress progress =
        JobProgress.of(Map.of("job/1/0", upTo(100), "job/2/0", upTo(700), "job/2/1", upTo(650)));
    assertThat(progress.countedUpTo("job")).isEqualTo(Map.of("in/0", 650L));
  }

  @Test
  void otherJobsAreNamed() {
    JobProgress progress = JobProgress.of(Map.of("job/1/0", upTo(1), "nightly/4/0", upTo(1)));
    assertThat(progress.otherJobs("job")).containsExactly("nightly");
    assertThat(progress.keysOf("job")).containsExactly("job/1/0");
  }
}
