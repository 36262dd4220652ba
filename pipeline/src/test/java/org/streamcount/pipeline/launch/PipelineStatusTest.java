package org.streamcount.pipeline.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.streamcount.pipeline.StreamCountMetrics;

class PipelineStatusTest {
  @Test
  void readOffsetsArePerTopicAndPartitionAndNothingElse() {
    PipelineStatus status =
        new PipelineStatus(
            0,
            Map.of(
                StreamCountMetrics.readOffset("lines", 0),
                41L,
                StreamCountMetrics.readOffset("lines", 12),
                7L,
                StreamCountMetrics.readOffset("other.topic-2", 3),
                0L,
                StreamCountMetrics.LINES_READ,
                49L));
    assertThat(status.readOffsets())
        .isEqualTo(
            Map.of(
                new TopicPartition("lines", 0), 41L,
                new TopicPartition("lines", 12), 7L,
                new TopicPartition("other.topic-2", 3), 0L));
  }
}
