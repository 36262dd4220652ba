package org.streamcount.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which of KafkaIO's two readers to use. The legacy UnboundedSource is the only one the SparkRunner
 * translates; on the DirectRunner it hands over 10 records per bundle and now and then recreates
 * its consumer, which caps a DirectRunner job at a few thousand words a second, while the
 * splittable-DoFn reader keeps its consumer and hands over 100.
 */
public enum KafkaReadMode {
  /** sdf on the DirectRunner, legacy everywhere else. */
  AUTO,
  LEGACY,
  SDF;

  /** The experiment that asks KafkaIO for its splittable read. */
  public static final String SDF_EXPERIMENT = "use_sdf_read";

  @JsonCreator
  public static KafkaReadMode parse(String value) {
    return EnumOption.parse(KafkaReadMode.class, "--kafkaRead", value);
  }

  public KafkaReadMode resolve(boolean directRunner) {
    return this != AUTO ? this : directRunner ? SDF : LEGACY;
  }

  @JsonValue
  @Override
  public String toString() {
    return EnumOption.show(this);
  }
}
