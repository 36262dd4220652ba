package org.streamcount.pipeline.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.streamcount.pipeline.EventTimeWindows;
import org.streamcount.pipeline.JobConfig;
import org.streamcount.pipeline.OutputFormat;
import org.streamcount.pipeline.StartFrom;
import org.streamcount.pipeline.WindowClosing;

class StreamCountOptionsValidatorTest {
  private static LaunchConfig launch(String... args) {
    return StreamCountOptionsValidator.validate(StreamCount.parseOptions(args));
  }

  @Test
  void aJobWithoutOptionsIsTheJobConfigDefaults() {
    StreamCountOptions options = StreamCount.parseOptions(new String[0]);
    JobConfig fromOptions = StreamCountOptionsValidator.validate(options).job();
    JobConfig defaults =
        JobConfig.reading(options.getInputTopics(), options.getOutputTopic()).build();
    assertThat(fromOptions)
        .usingRecursiveComparison()
        .ignoringFields("tokenizer")
        .isEqualTo(defaults);
    assertThat(fromOptions.tokenizer()).hasSameClassAs(defaults.tokenizer());
  }

  @Test
  void everyOptionIsParsedOnceIntoTheConfig() {
    LaunchConfig launch =
        launch(
            "--inputTopics=a,b",
            "--outputTopic=t",
            "--startFrom=latest",
            "--triggerDelay=250ms",
            "--triggerEveryElements=7",
            "--countShards=3",
            "--outputFormat=json",
            "--kafkaOutageLimit=1m",
            "--kafkaWait=5s",
            "--statusInterval=0s",
            "--deadLetterTopic=dead");
    JobConfig job = launch.job();
    assertThat(job.inputTopics()).containsExactly("a", "b");
    assertThat(job.startFrom()).isEqualTo(StartFrom.LATEST);
    assertThat(job.triggerDelay()).isEqualTo(Duration.ofMillis(250));
    assertThat(job.triggerEveryElements()).isEqualTo(7L);
    assertThat(job.countShards()).isEqualTo(3);
    assertThat(job.outputFormat()).isEqualTo(OutputFormat.JSON);
    assertThat(job.outageLimit()).isEqualTo(Duration.ofMinutes(1));
    assertThat(job.deadLetterTopic()).isEqualTo("dead");
    assertThat(launch.kafkaWait()).isEqualTo(Duration.ofSeconds(5));
    assertThat(launch.statusInterval()).isZero();
  }

  @Test
  void aBadOptionIsOneLineNamingIt() {
    assertThatThrownBy(() -> launch("--inputTopics=a,a"))
        .hasMessageContaining("--inputTopics names a topic twice");
    assertThatThrownBy(() -> launch("--triggerDelay=soon")).hasMessageContaining("--triggerDelay");
  }

  @Test
  void aZeroTriggerDelayIsTakenOnEveryRunner() {
    assertThat(launch("--runner=SparkRunner", "--triggerDelay=0s").job().triggerDelay()).isZero();
    assertThat(launch("--triggerDelay=0s").job().triggerDelay()).isZero();
  }

  @Test
  void theConsumerGroupIsNamedAfterTheTableUnlessGivenOrEmpty() {
    assertThat(launch("--outputTopic=t").consumerGroup()).isEqualTo("streamcount-t");
    assertThat(launch("--consumerGroup=ops-lag").consumerGroup()).isEqualTo("ops-lag");
    assertThat(launch("--consumerGroup=").consumerGroup()).isNull();
  }

  @Test
  void windowsAreGlobalFixedOrSlidingAndNothingElse() {
    assertThat(launch().job().windows()).isEqualTo(EventTimeWindows.global());
    assertThat(launch("--window=fixed:1m", "--countShards=4").job().windows())
        .isEqualTo(EventTimeWindows.fixed(Duration.ofMinutes(1)));
    assertThat(launch("--window=sliding:10m,1m", "--countShards=4").job().windows())
        .isEqualTo(EventTimeWindows.sliding(Duration.ofMinutes(10), Duration.ofMinutes(1)));
    assertThat(launch("--window=fixed:1m", "--countShards=4").windowRetention())
        .isEqualTo(Duration.ofDays(7));
    assertThat(launch("--window=fixed:1m", "--countShards=4").job().allowedLateness())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(
            launch("--window=fixed:1m", "--countShards=4", "--allowedLateness=0s")
                .job()
                .allowedLateness())
        .isEqualTo(Duration.ZERO);
    assertThatThrownBy(
            () -> launch("--window=fixed:1m", "--countShards=4", "--allowedLateness=-1s"))
        .hasMessageContaining("--allowedLateness");
    assertThat(
            launch("--window=fixed:1m", "--idlePartitionTimeout=5s").job().idlePartitionTimeout())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(launch("--window=fixed:1m").job().windowClosing())
        .isEqualTo(WindowClosing.WATERMARK);
    assertThat(
            launch("--runner=SparkRunner", "--window=fixed:1m", "--countShards=4")
                .job()
                .windowClosing())
        .isEqualTo(WindowClosing.STREAM_TIME);
    assertThatThrownBy(() -> launch("--runner=SparkRunner", "--window=fixed:1m", "--countShards=0"))
        .hasMessageContaining("--countShards must be 1 or more");
    assertThatThrownBy(() -> launch("--window=session:5m"))
        .hasMessageContaining("is not offered: a session window grows and merges");
    assertThatThrownBy(() -> launch("--window=hourly")).hasMessageContaining("--window=hourly");
    assertThatThrownBy(
            () -> launch("--window=fixed:1m", "--countShards=4", "--triggerEveryElements=5"))
        .hasMessageContaining("--triggerEveryElements");
  }
}
