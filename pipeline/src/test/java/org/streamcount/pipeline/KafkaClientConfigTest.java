package org.streamcount.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientConfigTest {

  @Test
  void secretsReachClientsButNeverTheirDescriptions(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "security.protocol=SASL_PLAINTEXT",
            "sasl.mechanism=PLAIN",
            "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"s3cr3t\";",
            "ssl.truststore.password=changeit",
            "fetch.max.bytes=1048576",
            "bootstrap.servers=ignored:9092"));
    KafkaClientConfig config = KafkaClientConfig.load("127.0.0.1:9092", file.toString());

    Map<String, Object> consumer = config.consumerSettings(Map.of("auto.offset.reset", "earliest"));
    assertThat(consumer)
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("fetch.max.bytes", "1048576")
        .containsEntry("auto.offset.reset", "earliest")
        .doesNotContainKeys("sasl.jaas.config", "ssl.truststore.password", "bootstrap.servers");
    assertThat(config.withSecrets(consumer))
        .containsKeys("sasl.jaas.config", "ssl.truststore.password");
    assertThat(config.admin())
        .containsEntry("bootstrap.servers", "127.0.0.1:9092")
        .containsKey("sasl.jaas.config");

    assertThat(config.describe())
        .contains("sasl.jaas.config=[hidden]", "ssl.truststore.password=[hidden]")
        .doesNotContain("s3cr3t")
        .doesNotContain("changeit");
    assertThat(config.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void theUsersFileTunesOurDefaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tuning.properties");
    Files.writeString(file, "linger.ms=50\n");
    KafkaClientConfig config = KafkaClientConfig.load("b:9092", file.toString());
    assertThat(config.producerSettings(Map.of("linger.ms", 5))).containsEntry("linger.ms", "50");
  }

  @Test
  void unreadableFilesAreOneLineErrors(@TempDir Path dir) {
    assertThatThrownBy(
            () -> KafkaClientConfig.load("b:9092", dir.resolve("missing.properties").toString()))
        .hasMessage(
            "cannot read --kafkaConfig " + dir.resolve("missing.properties") + ": no such file");
    assertThatThrownBy(() -> KafkaClientConfig.load("b:9092", dir.toString()))
        .hasMessage("cannot read --kafkaConfig " + dir + ": it is a directory");
  }

  /** On Spark this object is Java-serialized into the job graph and the checkpoint. */
  @Test
  void serializedItHoldsNoSecretAndReadsTheFileAgain(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, "sasl.jaas.config=old-s3cr3t\nsecurity.protocol=SASL_PLAINTEXT\n");
    KafkaClientConfig config = KafkaClientConfig.load("b:9092", file.toString());

    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(config);
    }
    byte[] serialized = bytes.toByteArray();
    assertThat(new String(serialized, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("s3cr3t");

    // A rotated password reaches the next client, on the driver and on a worker alike.
    Files.writeString(file, "sasl.jaas.config=new-s3cr3t\nsecurity.protocol=SASL_PLAINTEXT\n");
    KafkaClientConfig onWorker;
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(serialized))) {
      onWorker = (KafkaClientConfig) in.readObject();
    }
    assertThat(onWorker.withSecrets(Map.of())).containsEntry("sasl.jaas.config", "new-s3cr3t");
    assertThat(config.withSecrets(Map.of())).containsEntry("sasl.jaas.config", "new-s3cr3t");
  }

  @Test
  void settingsThatWouldBreakAGuaranteeAreRefused(@TempDir Path dir) throws Exception {
    Map<String, String> refused =
        Map.of(
            "acks",
            "1",
            "enable.idempotence",
            "false",
            "isolation.level",
            "read_uncommitted",
            "auto.offset.reset",
            "latest",
            "value.serializer",
            "org.apache.kafka.common.serialization.StringSerializer");
    for (Map.Entry<String, String> e : refused.entrySet()) {
      Path file = dir.resolve(e.getKey() + ".properties");
      Files.writeString(file, e.getKey() + "=" + e.getValue() + "\nlinger.ms=20\n");
      assertThatThrownBy(() -> KafkaClientConfig.load("b:9092", file.toString()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(
              "--kafkaConfig " + file + " sets " + e.getKey() + "=" + e.getValue() + ": refused, ");
    }
    Path fine = dir.resolve("fine.properties");
    Files.writeString(fine, "acks=all\nenable.idempotence=true\nisolation.level=read_committed\n");
    assertThat(KafkaClientConfig.load("b:9092", fine.toString()).describe()).contains("acks=all");
  }

  /** --maskSettings: a secret under a name the rule does not know is kept out all the same. */
  @Test
  void aSettingNamedByMaskSettingsIsKeptSecretToo(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, "custom.oauth.assertion=eyJ-s3cr3t\nlinger.ms=5\n");
    KafkaClientConfig config =
        KafkaClientConfig.load(
            "b:9092", file.toString(), java.util.Set.of("custom.oauth.assertion"));
    assertThat(config.producerSettings(Map.of()))
        .doesNotContainKey("custom.oauth.assertion")
        .containsEntry("linger.ms", "5");
    assertThat(config.withSecrets(Map.of())).containsEntry("custom.oauth.assertion", "eyJ-s3cr3t");
    assertThat(config.describe())
        .contains("custom.oauth.assertion=[hidden]")
        .doesNotContain("eyJ-s3cr3t");
    byte[] serialized = org.apache.beam.sdk.util.SerializableUtils.serializeToByteArray(config);
    assertThat(new String(serialized, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("eyJ-s3cr3t");
    KafkaClientConfig shipped =
        (KafkaClientConfig)
            org.apache.beam.sdk.util.SerializableUtils.deserializeFromByteArray(
                serialized, "config");
    assertThat(shipped.withSecrets(Map.of()))
        .as("a worker reads it from the file")
        .containsEntry("custom.oauth.assertion", "eyJ-s3cr3t");

    KafkaClientConfig unmasked = KafkaClientConfig.load("b:9092", file.toString());
    assertThat(unmasked.describe())
        .as("without the option it is an ordinary setting")
        .contains("eyJ-s3cr3t");
  }
}
