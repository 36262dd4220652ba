package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.streamcount.kafka.ExitCode;
import org.streamcount.kafkalocal.JavaProcess;
import org.streamcount.kafkalocal.LocalBroker;
import org.streamcount.kafkalocal.ProcessCommandLine;
import org.streamcount.pipeline.launch.StreamCount;

/**
 * The pipeline against a broker's SASL_PLAINTEXT listener (mechanism PLAIN) and its SSL listener (a
 * self-signed certificate, trusted through a truststore), settings in --kafkaConfig: right ones
 * count exactly, wrong ones fail fast with a message naming the listener, and the secret never
 * shows in anything the job prints, even with --verbose.
 */
class SecuredClusterIT {
  private static final String SECRET = "alice-s3cr3t-Pa55";
  private static LocalBroker broker;

  @BeforeAll
  static void startSecuredBroker(@TempDir Path dir) throws Exception {
    broker =
        LocalBroker.start(
            dir.resolve("kafka"),
            LocalBroker.Options.defaults().withSaslUsers(Map.of("alice", SECRET)).withSsl());
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  static Path clientConfig(Path dir, String password) throws Exception {
    Path file = dir.resolve("client-" + password.hashCode() + ".properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "security.protocol=SASL_PLAINTEXT",
            "sasl.mechanism=PLAIN",
            "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\" password=\""
                + password
                + "\";"));
    return file;
  }

  /**
   * Counts {@code lines} with a DirectRunner job that reaches the broker at {@code bootstrap} with
   * {@code clientConfig}, --verbose, until the table is {@code expected}; the test's own clients
   * use the broker's PLAINTEXT listener.
   *
   * @return everything the job printed
   */
  private static String countThrough(
      String bootstrap, Path clientConfig, List<String> lines, Map<String, Long> expected)
      throws Exception {
    KafkaTestClient plain = new KafkaTestClient(broker.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("secure-in");
    String output = KafkaTestClient.uniqueTopic("secure-out");
    plain.createTopic(input, 1);
    plain.produceLines(input, lines);
    JavaProcess job =
        PipelineProcess.start(
            "--bootstrapServers=" + bootstrap,
            "--kafkaConfig=" + clientConfig,
            "--inputTopics=" + input,
            "--outputTopic=" + output,
            "--triggerDelay=300ms",
            "--statusInterval=1s",
            "--verbose");
    try (CountsTable table = plain.counts(output)) {
      table.awaitExactly(expected, Duration.ofSeconds(3), Duration.ofMinutes(3));
    } finally {
      job.terminate();
    }
    return job.stdout() + job.stderr();
  }

  @Test
  void rightCredentialsCountExactlyAndTheSecretNeverShows(@TempDir Path dir) throws Exception {
    String everything =
        countThrough(
            broker.saslBootstrapServers(),
            clientConfig(dir, SECRET),
            List.of("all streams lead to kafka", "hello kafka streams", "join kafka summit"),
            Map.of(
                "kafka", 3L, "streams", 2L, "all", 1L, "lead", 1L, "to", 1L, "hello", 1L, "join",
                1L, "summit", 1L));
    assertThat(everything).contains("sasl.jaas.config=[hidden]").contains("lines 3");
    assertThat(everything).doesNotContain(SECRET);
  }

  @Test
  void overSslTheJobCountsExactlyAndTheStorePasswordNeverShows() throws Exception {
    Path clientConfig = broker.sslClientConfig();
    java.util.Properties ssl = new java.util.Properties();
    try (var in = Files.newBufferedReader(clientConfig)) {
      ssl.load(in);
    }
    String everything =
        countThrough(
            broker.sslBootstrapServers(),
            clientConfig,
            List.of("hello kafka over tls", "kafka streams over tls"),
            Map.of("kafka", 2L, "over", 2L, "tls", 2L, "hello", 1L, "streams", 1L));
    assertThat(everything).contains("security.protocol=SSL").contains("[hidden]");
    assertThat(everything).doesNotContain(ssl.getProperty("ssl.truststore.password"));
  }

  /**
   * On Spark the client configuration travels in the job graph to executors and into the
   * checkpoint. It carries the file's path, not the secret: no file of the checkpoint holds the
   * password, and the checkpoint directory is owner-only.
   */
  @ResourceLock(TestLocks.SPARK_JOBS)
  @Test
  void onSparkTheSecretNeverReachesTheCheckpoint(@TempDir Path dir) throws Exception {
    KafkaTestClient plain = new KafkaTestClient(broker.bootstrapServers());
    String input = KafkaTestClient.uniqueTopic("secure-in");
    String output = KafkaTestClient.uniqueTopic("secure-out");
    plain.createTopic(input, 1);
    plain.produceLines(input, List.of("hello kafka streams", "join kafka summit"));
    Path checkpoints = dir.resolve("checkpoints");

    JavaProcess job =
        PipelineProcess.start(
            "--runner=SparkRunner",
            "--sparkMaster=local[2]",
            "--batchIntervalMillis=1000",
            "--checkpointDir=" + checkpoints,
            "--bootstrapServers=" + broker.saslBootstrapServers(),
            "--kafkaConfig=" + clientConfig(dir, SECRET),
            "--inputTopics=" + input,
            "--outputTopic=" + output,
            "--triggerDelay=300ms",
            "--verbose");
    try (CountsTable table = plain.counts(output)) {
      table.awaitExactly(
          Map.of("kafka", 2L, "streams", 1L, "hello", 1L, "join", 1L, "summit", 1L),
          Duration.ofSeconds(3),
          Duration.ofMinutes(3));
      String commandLine = ProcessCommandLine.joined(job.pid());
      assertThat(commandLine)
          .as("the running job's command line")
          .isNotEmpty()
          .doesNotContain(SECRET);
    } finally {
      job.terminate();
    }
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(checkpoints)))
        .isEqualTo("rwx------");
    List<Path> files;
    try (var walk = Files.walk(checkpoints)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).as("Spark wrote its checkpoint").isNotEmpty();
    for (Path file : files) {
      assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
          .as("%s", file)
          .doesNotContain(SECRET);
    }
    assertThat(job.stdout() + job.stderr()).doesNotContain(SECRET);
  }

  @Test
  void wrongCredentialsFailFastNamingTheListener(@TempDir Path dir) throws Exception {
    String input = KafkaTestClient.uniqueTopic("secure-in");
    new KafkaTestClient(broker.bootstrapServers()).createTopic(input, 1);
    long started = System.nanoTime();
    JavaProcess.Result r =
        JavaProcess.start(
                List.of("-Xmx512m"),
                null,
                StreamCount.class,
                "--bootstrapServers=" + broker.saslBootstrapServers(),
                "--kafkaConfig=" + clientConfig(dir, "wrong-" + SECRET),
                "--inputTopics=" + input,
                "--verbose")
            .awaitExit(Duration.ofMinutes(2));
    assertThat((System.nanoTime() - started) / 1e9)
        .as("fails fast, no waiting out --kafkaWait")
        .isLessThan(25);
    assertThat(r.exitCode()).isEqualTo(ExitCode.KAFKA_UNAVAILABLE);
    assertThat(r.stderr())
        .contains(
            "streamcount: Kafka at "
                + broker.saslBootstrapServers()
                + " (SASL_PLAINTEXT listener) refused the credentials in --kafkaConfig")
        .contains("Authentication failed");
    assertThat(r.stdout() + r.stderr()).doesNotContain(SECRET);
  }
}
