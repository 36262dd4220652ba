package org.streamcount.pipeline.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.beam.runners.direct.DirectOptions;
import org.junit.jupiter.api.Test;

class RunnerDefaultsTest {
  @Test
  void noFlagsGetTheFastDirectRunnerConfiguration() {
    StreamCountOptions options = StreamCount.parseOptions(RunnerDefaults.apply(new String[0]));
    assertThat(options.getCountShards()).isEqualTo(4);
    assertThat(options.as(DirectOptions.class).isEnforceImmutability()).isFalse();
    assertThat(options.as(DirectOptions.class).isEnforceEncodability()).isFalse();
  }

  @Test
  void theCommandLineWinsOverTheDefaults() {
    String[] merged =
        RunnerDefaults.apply(
            new String[] {"--runner=DirectRunner", "--countShards=0", "--enforceImmutability"});
    StreamCountOptions options = StreamCount.parseOptions(merged);
    assertThat(options.getCountShards()).isZero();
    assertThat(options.as(DirectOptions.class).isEnforceImmutability()).isTrue();
    assertThat(options.as(DirectOptions.class).isEnforceEncodability()).isFalse();
  }

  @Test
  void sparkGetsItsOwnDefaults() {
    String[] merged =
        RunnerDefaults.apply(
            new String[] {"--runner=org.apache.beam.runners.spark.SparkRunner", "--countShards=8"});
    assertThat(merged)
        .contains(
            "--batchIntervalMillis=1000",
            "--minReadTimeMillis=800",
            "--sparkMaster=local[*]",
            "--triggerDelay=0s",
            "--countShards=8")
        .doesNotContain("--countShards=16", "--enforceImmutability=false");
  }

  @Test
  void aProfileRefinesTheDefaults() {
    Path direct = Path.of("..", "runner-profiles", "direct.properties");
    String[] merged =
        RunnerDefaults.apply(
            RunnerProfile.apply(new String[] {"--profile=" + direct, "--countShards=2"}));
    assertThat(StreamCount.parseOptions(merged).getCountShards()).isEqualTo(2);
  }
}
