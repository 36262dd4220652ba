package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.streamcount.kafka.ExitCode;
import org.streamcount.kafkalocal.JavaProcess;
import org.streamcount.kafkalocal.KafkaBrokerExtension;
import org.streamcount.kafkalocal.LocalBroker;

/**
 * A stop on request ends with the JVM's own codes, as Kafka's and Spark's tools do: 130 after
 * Ctrl-C (SIGINT), 143 after SIGTERM, with the final summary printed and within a bound.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StopIT {
  private static final Duration STOPS_WITHIN = Duration.ofSeconds(60);

  @Test
  void sigtermEndsADirectRunnerJobWith143(LocalBroker kafka) throws Exception {
    assertStopsWith(kafka, "TERM", ExitCode.TERMINATED);
  }

  @Test
  void ctrlCEndsADirectRunnerJobWith130(LocalBroker kafka) throws Exception {
    assertStopsWith(kafka, "INT", ExitCode.INTERRUPTED);
  }

  @ResourceLock(TestLocks.SPARK_JOBS)
  @Test
  void sigtermEndsASparkJobWith143(LocalBroker kafka, @TempDir Path checkpoints) throws Exception {
    assertStopsWith(
        kafka,
        "TERM",
        ExitCode.TERMINATED,
        "--runner=SparkRunner",
        "--sparkMaster=local[2]",
        "--batchIntervalMillis=1000",
        "--checkpointDir=" + checkpoints);
  }

  private static void assertStopsWith(
      LocalBroker kafka, String signal, int exitCode, String... runnerArgs) throws Exception {
    JavaProcess job =
        PipelineProcess.startCounting(
            kafka, List.of("stop me"), Map.of("stop", 1L, "me", 1L), runnerArgs);
    Process kill =
        new ProcessBuilder("kill", "-" + signal, Long.toString(job.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
    JavaProcess.Result stopped = job.awaitExit(STOPS_WITHIN);
    assertThat(stopped.exitCode()).as(stopped.stderr()).isEqualTo(exitCode);
    assertThat(stopped.stderr()).contains("stopped after");
  }
}
