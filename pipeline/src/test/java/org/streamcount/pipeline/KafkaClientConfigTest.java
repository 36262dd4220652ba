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
    Files.writeString(file, String.join("\n",
        "security.protocol=SASL_PLAINTEXT",
        "sasl.mechanism=PLAIN",
        "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"s3cr3t\";",
        "ssl.truststore.password=changeit",
        "fetch.max.bytes=1048576",
        "bootstrap.servers=ignored:9092"));
    KafkaClientConfig config = KafkaClientConfig.load("127.0.0.1:9092", file.toString());

    Map<String, Object> consumer = config.consumer(Map.of("auto.offset.reset", "earliest"));
    assertThat(consumer).containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("fetch.max.bytes", "1048576")
        .containsEntry("auto.offset.reset", "earliest")
        .doesNotContainKeys("sasl.jaas.config", "ssl.truststore.password", "bootstrap.servers");
    assertThat(config.withSecrets(consumer)).containsKeys("sasl.jaas.config", "ssl.truststore.password");
    assertThat(config.admin()).containsEntry("bootstrap.servers", "127.0.0.1:9092").containsKey("sasl.jaas.config");

    assertThat(config.describe()).contains("sasl.jaas.config=[hidden]", "ssl.truststore.password=[hidden]")
        .doesNotContain("s3cr3t").doesNotContain("changeit");
    assertThat(config.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void theUsersFileTunesOurDefaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tuning.properties");
    Files.writeString(file, "linger.ms=50\n");
    KafkaClientConfig config = KafkaClientConfig.load("b:9092", file.toString());
    assertThat(config.producer(Map.of("linger.ms", 5))).containsEntry("linger.ms", "50");
  }

  @Test
  void unreadableFilesAreOneLineErrors(@TempDir Path dir) {
    assertThatThrownBy(() -> KafkaClientConfig.load("b:9092", dir.resolve("missing.properties").toString()))
        .hasMessage("cannot read --kafkaConfig " + dir.resolve("missing.properties") + ": no such file");
    assertThatThrownBy(() -> KafkaClientConfig.load("b:9092", dir.toString()))
        .hasMessage("cannot read --kafkaConfig " + dir + ": it is a directory");
  }
}
