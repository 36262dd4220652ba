package org.streamcount.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamCountArgumentsTest {
  @Test
  void theUsersOptionReplacesTheBenchsOwn() {
    assertThat(
            StreamCountArguments.of(
                List.of("--outputTopic=o", "--statusInterval=5s"),
                List.of("--statusInterval=250ms", "--triggerDelay=1s")))
        .containsExactly("--outputTopic=o", "--statusInterval=250ms", "--triggerDelay=1s");
  }

  @Test
  void withoutExtraOptionsTheBenchsOwnStay() {
    assertThat(StreamCountArguments.of(List.of("--outputTopic=o"), List.of()))
        .containsExactly("--outputTopic=o");
  }
}
