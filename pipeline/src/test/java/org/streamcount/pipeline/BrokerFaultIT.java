package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.streamcount.kafka.ExitCode;
import org.streamcount.kafkalocal.JavaProcess;
import org.streamcount.kafkalocal.LocalBroker;

/**
 * The broker goes away under a running pipeline (SIGTERM, then SIGKILL) and comes back on the same
 * data and port: the pipeline recovers by itself and the final counts are exact. A broker that
 * stays away longer than --kafkaOutageLimit stops the job with a clear message.
 */
class BrokerFaultIT {

  @ParameterizedTest(name = "broker stopped with {0}")
  @ValueSource(strings = {"SIGTERM", "SIGKILL"})
  void pipelineRidesOutABrokerRestart(String signal, @TempDir Path dir) throws Exception {
    try (LocalBroker broker = LocalBroker.start(dir.resolve("kafka"))) {
      KafkaTestClient client = new KafkaTestClient(broker.bootstrapServers());
      String input = KafkaTestClient.uniqueTopic("lines");
      String output = KafkaTestClient.uniqueTopic("counts");
      client.createTopic(input, 1);
      List<String> before = StreamCountEndToEndIT.generate(1_000, 10, 200, 41);
      List<String> after = StreamCountEndToEndIT.generate(1_000, 10, 200, 42);
      List<String> all = new ArrayList<>(before);
      all.addAll(after);
      client.produceLines(input, before);

      JavaProcess job =
          PipelineProcess.start(
              "--bootstrapServers=" + broker.bootstrapServers(),
              "--inputTopics=" + input,
              "--outputTopic=" + output,
              "--triggerDelay=300ms",
              "--statusInterval=1s",
              "--kafkaOutageLimit=90s");
      try (CountsTable table = client.counts(output)) {
        table.awaitUpdates(50, Duration.ofMinutes(2));
        long down = System.nanoTime();
        if (signal.equals("SIGKILL")) {
          broker.kill();
        } else {
          broker.stop();
        }
        Thread.sleep(8_000);
        broker.restart();
        System.out.printf("broker %s: down for %.1f s%n", signal, (System.nanoTime() - down) / 1e9);
        client.produceLines(input, after);
        table.awaitExactly(
            KafkaTestClient.reference(all), Duration.ofSeconds(4), Duration.ofMinutes(4));
        assertThat(job.isAlive()).isTrue();
      } finally {
        job.terminate();
      }
      assertThat(job.stderr()).contains("is not answering").contains("answers again after");
    }
  }

  @Test
  void aBrokerThatStaysAwayStopsTheJobWithAClearMessage(@TempDir Path dir) throws Exception {
    try (LocalBroker broker = LocalBroker.start(dir.resolve("kafka"))) {
      String input = KafkaTestClient.uniqueTopic("lines");
      new KafkaTestClient(broker.bootstrapServers()).createTopic(input, 1);
      JavaProcess job =
          PipelineProcess.start(
              "--bootstrapServers=" + broker.bootstrapServers(),
              "--inputTopics=" + input,
              "--statusInterval=1s",
              "--kafkaOutageLimit=10s");
      job.awaitStderr(
          "updates written", Duration.ofMinutes(2)); // running, and its health check with it
      broker.kill();
      long down = System.nanoTime();
      JavaProcess.Result r = job.awaitExit(Duration.ofMinutes(2));
      double seconds = (System.nanoTime() - down) / 1e9;
      System.out.printf("broker gone for good: the job stopped %.1f s later%n", seconds);
      assertThat(r.exitCode()).isEqualTo(ExitCode.KAFKA_UNAVAILABLE);
      assertThat(r.stderr())
          .contains(
              "streamcount: Kafka at "
                  + broker.bootstrapServers()
                  + " did not answer for 10 s (--kafkaOutageLimit); the job stopped");
      assertThat(seconds).isLessThan(60);
    }
  }
}
