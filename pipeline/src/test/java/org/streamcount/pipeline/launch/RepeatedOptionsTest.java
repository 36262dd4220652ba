package org.streamcount.pipeline.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.beam.sdk.options.ExperimentalOptions;
import org.junit.jupiter.api.Test;

class RepeatedOptionsTest {
  @Test
  void anOptionOfOneValueGivenTwiceIsNamed() {
    assertThatThrownBy(
            () ->
                StreamCount.parseOptions(
                    new String[] {"--statusInterval=5s", "--outputTopic=o", "--statusInterval=1s"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--statusInterval is given 2 times (5s, 1s): give it once");
  }

  @Test
  void aListMayBeGivenInParts() {
    StreamCountOptions options =
        StreamCount.parseOptions(
            new String[] {
              "--inputTopics=a", "--inputTopics=b", "--experiments=x", "--experiments=y"
            });
    assertThat(options.getInputTopics()).containsExactly("a", "b");
    assertThat(options.as(ExperimentalOptions.class).getExperiments()).contains("x", "y");
  }

  @Test
  void anUnknownOptionIsLeftToBeamsOwnMessage() {
    assertThatThrownBy(
            () -> StreamCount.parseOptions(new String[] {"--noSuchOption=1", "--noSuchOption=2"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("give it once");
  }
}
