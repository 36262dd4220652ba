package org.streamcount.kafkalocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBrokerIT {

  @Test
  void saslListenerAcceptsKnownUsersOnly(@TempDir Path dir) throws Exception {
    var options = LocalBroker.Options.defaults().withSaslUsers(Map.of("alice", "alice-secret"));
    try (LocalBroker broker = LocalBroker.start(dir, options)) {
      Properties good = sasl(broker.saslBootstrapServers(), "alice", "alice-secret");
      try (Admin admin = Admin.create(good)) {
        admin
            .createTopics(List.of(new NewTopic("secured", 1, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
      Properties bad = sasl(broker.saslBootstrapServers(), "alice", "wrong");
      try (Admin admin = Admin.create(bad)) {
        var failure =
            org.assertj.core.api.Assertions.catchThrowable(
                () -> admin.listTopics().names().get(30, TimeUnit.SECONDS));
        assertThat(failure)
            .hasRootCauseInstanceOf(
                org.apache.kafka.common.errors.SaslAuthenticationException.class);
      }
    }
  }

  /**
   * {@code withSsl()}: an SSL listener with a self-signed certificate for 127.0.0.1. A client with
   * the generated client-ssl.properties (the truststore) is served, hostname verification on; one
   * that does not trust the certificate fails its handshake. The store password stays in owner-only
   * files, off the broker's command line.
   */
  @Test
  void sslListenerServesClientsThatTrustItsCertificate(@TempDir Path dir) throws Exception {
    try (LocalBroker broker = LocalBroker.start(dir, LocalBroker.Options.defaults().withSsl())) {
      Properties trusting = new Properties();
      try (var in = Files.newBufferedReader(broker.sslClientConfig())) {
        trusting.load(in);
      }
      trusting.put("bootstrap.servers", broker.sslBootstrapServers());
      try (Admin admin = Admin.create(trusting)) {
        admin
            .createTopics(List.of(new NewTopic("over-ssl", 1, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }

      Properties untrusting = new Properties();
      untrusting.put("bootstrap.servers", broker.sslBootstrapServers());
      untrusting.put("security.protocol", "SSL");
      untrusting.put("request.timeout.ms", "10000");
      untrusting.put("default.api.timeout.ms", "15000");
      try (Admin admin = Admin.create(untrusting)) {
        var failure =
            org.assertj.core.api.Assertions.catchThrowable(
                () -> admin.listTopics().names().get(30, TimeUnit.SECONDS));
        assertThat(failure)
            .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
      }

      String password = trusting.getProperty("ssl.truststore.password");
      String commandLine = ProcessCommandLine.joined(broker.pid());
      assertThat(commandLine)
          .as("the running broker's command line")
          .isNotEmpty()
          .doesNotContain(password);
      assertThat(permissions(dir.resolve("ssl"))).isEqualTo("rwx------");
      try (var files = Files.list(dir.resolve("ssl"))) {
        files.forEach(f -> assertThat(permissions(f)).as("%s", f).isEqualTo("rw-------"));
      }
    }
  }

  private static String permissions(Path path) {
    try {
      return java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(path));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void cliStartStopStatusShareTheFolder(@TempDir Path dir) throws Exception {
    String classpath = LocalBroker.brokerClasspath();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Cli start = cli(java, classpath, "start", "--dir=" + dir);
    assertThat(start.code).isZero();
    String bootstrap = start.lastStdoutLine();
    assertThat(bootstrap).matches("127\\.0\\.0\\.1:\\d+");

    Cli again = cli(java, classpath, "start", "--dir=" + dir);
    assertThat(again.code).isZero();
    assertThat(again.stderr).contains("already running");
    assertThat(again.lastStdoutLine()).isEqualTo(bootstrap);

    Cli status = cli(java, classpath, "status", "--dir=" + dir);
    assertThat(status.code).isZero();
    assertThat(status.stdout).contains("bootstrap=" + bootstrap);

    Cli stop = cli(java, classpath, "stop", "--dir=" + dir);
    assertThat(stop.code).isZero();
    assertThat(stop.stderr).contains("stopped");
    assertThat(cli(java, classpath, "status", "--dir=" + dir).code)
        .isEqualTo(KafkaLocal.EXIT_NOT_RUNNING);
  }

  /**
   * {@code kafka-local start --sasl-user NAME:PASSWORD}: the user typed the password, but the
   * broker JVM that runs for hours gets it from an owner-only file, not from its command line
   * (visible in {@code ps} to every user), and no log repeats it.
   */
  @Test
  void saslPasswordsStayOffTheBrokersCommandLineAndInOwnerOnlyFiles(@TempDir Path dir)
      throws Exception {
    String password = "pw-" + java.util.UUID.randomUUID();
    String classpath = LocalBroker.brokerClasspath();
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Cli start = cli(javaBin, classpath, "start", "--dir=" + dir, "--sasl-user=alice:" + password);
    try {
      assertThat(start.code).as(start.stderr).isZero();
      long pid = Long.parseLong(Files.readString(new BrokerHome(dir).pidFile()).trim());
      String commandLine = ProcessCommandLine.joined(pid);
      assertThat(commandLine).contains("--sasl-users-file=").doesNotContain(password);

      Properties good =
          sasl(
              Files.readString(new BrokerHome(dir).listenersFile())
                  .lines()
                  .filter(l -> l.startsWith("SASL_PLAINTEXT="))
                  .findFirst()
                  .orElseThrow()
                  .substring("SASL_PLAINTEXT=".length()),
              "alice",
              password);
      try (Admin admin = Admin.create(good)) {
        admin.listTopics().names().get(30, TimeUnit.SECONDS);
      }
      assertThat(start.stdout + start.stderr).doesNotContain(password);
      try (var files = Files.walk(dir)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          if (Files.readString(file, StandardCharsets.ISO_8859_1).contains(password)) {
            assertThat(
                    java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(file)))
                .as("%s holds the password", file)
                .isEqualTo("rw-------");
            assertThat(file.getFileName().toString())
                .as("a log or status file")
                .isIn("server.properties", "sasl-users");
          }
        }
      }
    } finally {
      cli(javaBin, classpath, "stop", "--dir=" + dir);
    }
  }

  private record Cli(int code, String stdout, String stderr) {
    String lastStdoutLine() {
      String[] lines = stdout.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  private static Cli cli(String java, String classpath, String... args) throws Exception {
    var command =
        new java.util.ArrayList<>(List.of(java, "-cp", classpath, KafkaLocal.class.getName()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("kafka-local", ".out");
    Path err = Files.createTempFile("kafka-local", ".err");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Cli(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static Properties sasl(String bootstrap, String user, String password) {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrap);
    p.setProperty("security.protocol", "SASL_PLAINTEXT");
    p.setProperty("sasl.mechanism", "PLAIN");
    p.setProperty(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";");
    p.setProperty("request.timeout.ms", "10000");
    p.setProperty("default.api.timeout.ms", "20000");
    return p;
  }

  static void produce(String bootstrap, String topic, String value) throws Exception {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrap);
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, value)).get(30, TimeUnit.SECONDS);
    }
  }

  static List<String> consumeAll(String bootstrap, String topic, int expected) {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrap);
    p.setProperty("auto.offset.reset", "earliest");
    p.setProperty("group.id", "local-broker-test");
    var values = new java.util.ArrayList<String>();
    try (var consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (values.size() < expected && System.nanoTime() < deadline) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
        records.forEach(r -> values.add(r.value()));
      }
    }
    return values;
  }
}
