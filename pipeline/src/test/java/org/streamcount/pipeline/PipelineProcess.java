package org.streamcount.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.streamcount.kafkalocal.JavaProcess;
import org.streamcount.pipeline.launch.StreamCount;

/** The pipeline's main in a JVM of its own, started the way bin/streamcount starts it. */
final class PipelineProcess {
  private PipelineProcess() {}

  static JavaProcess start(String... args) throws IOException {
    return start(List.of(), args);
  }

  /** With extra JVM options (system properties such as {@code -Dspark.memory.fraction=...}). */
  static JavaProcess start(List<String> jvmOptions, String... args) throws IOException {
    return start(jvmOptions, List.of(), args);
  }

  /**
   * @param unsetEnvironment variables the child must not inherit from the test JVM (Maven's
   *     SPARK_LOCAL_IP, to see where Spark binds without it)
   */
  static JavaProcess start(List<String> jvmOptions, List<String> unsetEnvironment, String... args)
      throws IOException {
    List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
    jvm.addAll(jvmOptions);
    jvm.addAll(
        Arrays.asList(System.getProperty("streamcount.test.jvmOpens", "").trim().split("\\s+")));
    jvm.removeIf(String::isEmpty);
    return JavaProcess.start(jvm, unsetEnvironment, null, StreamCount.class, args);
  }

  /**
   * A job on fresh topics, started as bin/streamcount starts it (without the test JVM's
   * SPARK_LOCAL_IP), returned once it has counted {@code lines} exactly: by then the runner has
   * opened everything it opens.
   */
  static JavaProcess startCounting(
      org.streamcount.kafkalocal.LocalBroker kafka,
      List<String> lines,
      java.util.Map<String, Long> expected,
      String... runnerArgs)
      throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 1);
    client.produceLines(input, lines);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrapServers=" + kafka.bootstrapServers(),
                "--inputTopics=" + input,
                "--outputTopic=" + output,
                "--triggerDelay=300ms"));
    args.addAll(Arrays.asList(runnerArgs));
    JavaProcess job = start(List.of(), List.of("SPARK_LOCAL_IP"), args.toArray(String[]::new));
    try (CountsTable table = client.counts(output)) {
      table.awaitExactly(
          expected, java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(3));
    } catch (Exception | AssertionError e) {
      job.terminate();
      throw e;
    }
    return job;
  }

  /**
   * The arguments of a job on {@code runner} (DirectRunner, or SparkRunner on local[2] with its
   * checkpoint under {@code dir}) from {@code input} to {@code output}, quick to fire (on Spark as
   * its profiles ship: in the micro-batch that read the words), then {@code more}.
   */
  static String[] jobArgs(
      String runner,
      org.streamcount.kafkalocal.LocalBroker kafka,
      String input,
      String output,
      java.nio.file.Path dir,
      String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--runner=" + runner,
                "--bootstrapServers=" + kafka.bootstrapServers(),
                "--inputTopics=" + input,
                "--outputTopic=" + output,
                "--statusInterval=1s"));
    if (runner.equals("SparkRunner")) {
      args.addAll(
          List.of(
              "--triggerDelay=0s",
              "--sparkMaster=local[2]",
              "--checkpointDir=" + dir.resolve("cp")));
    } else {
      args.add("--triggerDelay=300ms");
    }
    args.addAll(Arrays.asList(more));
    return args.toArray(String[]::new);
  }
}
