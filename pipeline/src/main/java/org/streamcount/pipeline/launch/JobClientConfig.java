package org.streamcount.pipeline.launch;

import java.util.List;
import java.util.Set;
import org.streamcount.pipeline.KafkaClientConfig;

/** The job's Kafka clients, from its options: --bootstrapServers, --kafkaConfig, --maskSettings. */
final class JobClientConfig {
  private JobClientConfig() {}

  /**
   * @throws IllegalArgumentException with a one-line reason when --kafkaConfig cannot be read or
   *     sets what the guarantees rely on
   */
  static KafkaClientConfig of(StreamCountOptions options) {
    List<String> masked = options.getMaskSettings();
    return KafkaClientConfig.load(
        options.getBootstrapServers(),
        options.getKafkaConfig(),
        masked == null ? Set.of() : Set.copyOf(masked));
  }
}
