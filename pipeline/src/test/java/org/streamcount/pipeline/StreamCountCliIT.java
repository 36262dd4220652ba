package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.streamcount.kafka.ExitCode;
import org.streamcount.kafkalocal.JavaProcess;
import org.streamcount.kafkalocal.KafkaBrokerExtension;
import org.streamcount.kafkalocal.LocalBroker;
import org.streamcount.kafkalocal.LoopbackPort;
import org.streamcount.pipeline.launch.StreamCount;

/** Every bad start is one clear line on stderr and a non-zero exit code, never a stack trace. */
@ExtendWith(KafkaBrokerExtension.class)
@Isolated // runInThisJvm captures System.err, which every class shares
class StreamCountCliIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--tokenizer=letters            | unknown --tokenizer 'letters': use words, unicode, kafka-demo or split:<regex>",
        "--tokenizer=split:[a-          | --tokenizer=split:[a-: not a valid regex",
        "--triggerDelay=-1s             | --triggerDelay must not be negative, got '-1s'",
        "--triggerDelay=soon            | --triggerDelay is not a duration: 'soon'",
        "--triggerEveryElements=0       | --triggerEveryElements must be between 1 and",
        "--inputTopics=                 | --inputTopics is empty: name at least one topic to read",
        "--inputTopics=a,b,a            | --inputTopics names a topic twice (a,b,a): its lines would be counted twice",
        "--outputTopic=bad/name         | --outputTopic 'bad/name' is not a valid Kafka topic name",
        "--kafkaConfig=/no/such.props   | cannot read --kafkaConfig /no/such.props: no such file",
        "--bogus=1                      | unknown option --bogus",
        "--tokenize=words               | unknown option --tokenize (Did you mean 'tokenizer'?)",
        "--startFrom=yesterday          | --startFrom must be one of resume, latest, earliest, got 'yesterday'",
        "--startFrom=committed          | --startFrom=committed is gone",
        "--resetTable                   | --resetTable empties the table for a recount: it goes with --startFrom=earliest only",
      })
  void invalidOptionsFailBeforeStarting(String option, String message) throws Exception {
    Ran r = runInThisJvm("--bootstrapServers=127.0.0.1:1", option);
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.stderr()).startsWith("streamcount: ").contains(message).doesNotContain("\tat ");
  }

  @Test
  void anInvalidOptionIsTheProcessExitCodeToo() throws Exception {
    JavaProcess.Result r =
        JavaProcess.run(
            TIMEOUT, StreamCount.class, "--bootstrapServers=127.0.0.1:1", "--tokenizer=letters");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.stderr())
        .startsWith("streamcount: unknown --tokenizer 'letters'")
        .doesNotContain("\tat ");
  }

  @Test
  void unreadableKafkaConfigDirectory(@TempDir Path dir) throws Exception {
    Ran r = runInThisJvm("--kafkaConfig=" + dir);
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.stderr()).contains("cannot read --kafkaConfig " + dir + ": it is a directory");
  }

  /** A client file may tune and secure the clients, not turn off what the table relies on. */
  @Test
  void aKafkaConfigThatWouldBreakAGuaranteeIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("client.properties");
    java.nio.file.Files.writeString(file, "linger.ms=20\nacks=1\n");
    Ran r = runInThisJvm("--bootstrapServers=127.0.0.1:1", "--kafkaConfig=" + file);
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.stderr())
        .startsWith("streamcount: --kafkaConfig " + file + " sets acks=1: refused,")
        .contains("allowed: -1, all")
        .doesNotContain("\tat ");
  }

  record Ran(int exitCode, String stderr) {}

  /**
   * StreamCount.run, which main hands to System.exit, with stderr captured: the option checks need
   * no JVM of their own (one test above checks the real process exit code).
   */
  static synchronized Ran runInThisJvm(String... args) {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    try {
      System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
      int code = StreamCount.run(args);
      return new Ran(code, err.toString(java.nio.charset.StandardCharsets.UTF_8));
    } finally {
      System.setErr(saved);
    }
  }

  @Test
  void unreachableBrokerIsABoundedWaitThenAClearMessage() throws Exception {
    int closedPort = LoopbackPort.free();
    long started = System.nanoTime();
    JavaProcess.Result r =
        JavaProcess.run(
            TIMEOUT,
            StreamCount.class,
            "--bootstrapServers=127.0.0.1:" + closedPort,
            "--kafkaWait=4s");
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(r.exitCode()).isEqualTo(ExitCode.KAFKA_UNAVAILABLE);
    assertThat(r.stderr())
        .contains(
            "streamcount: no Kafka broker answered at 127.0.0.1:" + closedPort + " within 4 s")
        .doesNotContain("\tat ");
    assertThat(seconds).as("bounded wait").isLessThan(60);
  }

  @Test
  void anExistingOutputTopicThatCannotHoldTheTableIsRefused(LocalBroker kafka) throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("not-a-table");
    client.createTopic(input, 1);
    client.createTopic(output, 1); // cleanup.policy=delete, the broker's default
    JavaProcess.Result r =
        JavaProcess.run(
            TIMEOUT,
            StreamCount.class,
            "--bootstrapServers=" + kafka.bootstrapServers(),
            "--inputTopics=" + input,
            "--outputTopic=" + output,
            "--outputPartitions=2");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.stderr())
        .contains("streamcount: output topic " + output + " exists with cleanup.policy=delete")
        .contains("1 partition(s), fewer than --outputPartitions=2")
        .contains("--allowOutputTopicAsIs")
        .doesNotContain("\tat ");
  }

  /** A compacted table that refuses large records: caught at the start, not by a looping send. */
  @Test
  void anOutputTopicWhoseRecordsAreTooSmallForALongWordIsRefused(LocalBroker kafka)
      throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("small-records");
    client.createTopic(input, 1);
    client.createTopic(
        output, 1, java.util.Map.of("cleanup.policy", "compact", "max.message.bytes", "2000"));
    JavaProcess.Result r =
        JavaProcess.run(
            TIMEOUT,
            StreamCount.class,
            "--bootstrapServers=" + kafka.bootstrapServers(),
            "--inputTopics=" + input,
            "--outputTopic=" + output);
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.stderr())
        .contains("streamcount: output topic " + output + " exists with max.message.bytes=2000")
        .contains("--maxWordLength")
        .doesNotContain("\tat ");
  }

  /**
   * A pipeline that fails while it runs (here: a client file whose max.request.size no record fits,
   * so every total is refused, for good) ends with one line naming the cause and exit code 1. (A
   * topic with a too small max.message.bytes is refused before the start, see above: at the broker,
   * the producer's batch splitting can loop until a StackOverflowError.)
   */
  @Test
  void aPipelineThatFailsWhileRunningExitsWith1(LocalBroker kafka, @TempDir Path dir)
      throws Exception {
    KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("lines");
    String output = KafkaTestClient.uniqueTopic("counts");
    client.createTopic(input, 1);
    client.produceLines(input, java.util.List.of("refused for good"));
    Path tooSmall = dir.resolve("client.properties");
    java.nio.file.Files.writeString(tooSmall, "max.request.size=10\n");
    JavaProcess.Result r =
        JavaProcess.run(
            TIMEOUT,
            StreamCount.class,
            "--bootstrapServers=" + kafka.bootstrapServers(),
            "--kafkaConfig=" + tooSmall,
            "--inputTopics=" + input,
            "--outputTopic=" + output,
            "--triggerDelay=200ms");
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(ExitCode.FAILED);
    assertThat(r.stderr())
        .contains("streamcount: the pipeline failed: RecordTooLargeException")
        .doesNotContain("\tat ");
  }

  @Test
  void missingInputTopicWaitsThenSaysWhich(LocalBroker kafka) throws Exception {
    String topic = KafkaTestClient.uniqueTopic("missing");
    JavaProcess.Result r =
        JavaProcess.run(
            TIMEOUT,
            StreamCount.class,
            "--bootstrapServers=" + kafka.bootstrapServers(),
            "--inputTopics=" + topic,
            "--kafkaWait=3s");
    assertThat(r.exitCode()).isEqualTo(ExitCode.KAFKA_UNAVAILABLE);
    assertThat(r.stderr())
        .contains("waiting for input topic(s) " + topic + " to exist")
        .contains("streamcount: input topic(s) " + topic + " do not exist (waited 3 s)")
        .doesNotContain("\tat ");
  }

  @Test
  void helpListsTheOptions() throws Exception {
    JavaProcess.Result r = JavaProcess.run(TIMEOUT, StreamCount.class, "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout())
        .contains("--tokenizer", "--triggerDelay", "--startFrom", "--kafkaConfig");
  }
}
