package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.streamcount.kafkalocal.JavaProcess;
import org.streamcount.kafkalocal.KafkaBrokerExtension;
import org.streamcount.kafkalocal.ListeningSockets;
import org.streamcount.kafkalocal.LocalBroker;

/**
 * Nothing the project starts listens beyond loopback: the broker, a DirectRunner job and an
 * in-process Spark job with no option about addresses, in a JVM without SPARK_LOCAL_IP (Maven sets
 * it for the tests; a user's shell does not).
 */
@ExtendWith(KafkaBrokerExtension.class)
class LoopbackOnlyIT {
  @Test
  void theBrokerListensOnLoopbackOnly(LocalBroker kafka) throws Exception {
    List<InetSocketAddress> sockets = ListeningSockets.of(kafka.pid());
    assertThat(sockets).as("the broker's listeners, found in /proc").isNotEmpty();
    assertOnlyLoopback(sockets);
  }

  @Test
  void aDirectRunnerJobListensOnLoopbackOnly(LocalBroker kafka) throws Exception {
    assertLoopbackWhileCounting(kafka);
  }

  @ResourceLock(TestLocks.SPARK_JOBS)
  @Test
  void anInProcessSparkJobListensOnLoopbackOnly(LocalBroker kafka, @TempDir Path checkpoints)
      throws Exception {
    assertLoopbackWhileCounting(
        kafka,
        "--runner=SparkRunner",
        "--sparkMaster=local[2]",
        "--batchIntervalMillis=1000",
        "--checkpointDir=" + checkpoints);
  }

  /** Lists the sockets of a job that has counted its first lines. */
  private static void assertLoopbackWhileCounting(LocalBroker kafka, String... runnerArgs)
      throws Exception {
    JavaProcess job =
        PipelineProcess.startCounting(
            kafka,
            List.of("kafka streams", "kafka"),
            Map.of("kafka", 2L, "streams", 1L),
            runnerArgs);
    try {
      List<InetSocketAddress> sockets = ListeningSockets.of(job.pid());
      if (runnerArgs.length > 0) {
        assertThat(sockets).as("Spark's driver and block manager, found in /proc").isNotEmpty();
      }
      assertOnlyLoopback(sockets);
    } finally {
      job.terminate();
    }
  }

  private static void assertOnlyLoopback(List<InetSocketAddress> sockets) {
    assertThat(sockets)
        .allSatisfy(
            s -> assertThat(s.getAddress().isLoopbackAddress()).as("listening on %s", s).isTrue());
  }
}
