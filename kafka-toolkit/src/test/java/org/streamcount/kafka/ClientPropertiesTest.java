package org.streamcount.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientPropertiesTest {

  @Test
  void loadsAFileAndNamesTheOptionWhenItCannot(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("client.properties"), "security.protocol=SASL_PLAINTEXT\nlinger.ms = 5\n");
    assertThat(ClientProperties.load(file, "--command-config"))
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("linger.ms", "5");
    assertThatThrownBy(() -> ClientProperties.load(dir.resolve("missing"), "--command-config"))
        .hasMessage("cannot read --command-config " + dir.resolve("missing") + ": no such file");
    assertThatThrownBy(() -> ClientProperties.load(dir, "--kafkaConfig"))
        .hasMessage("cannot read --kafkaConfig " + dir + ": it is a directory");
  }

  @Test
  void secretsAreKnownByName() {
    assertThat(ClientProperties.isSecret("sasl.jaas.config")).isTrue();
    assertThat(ClientProperties.isSecret("ssl.keystore.password")).isTrue();
    assertThat(ClientProperties.isSecret("ssl.key.password")).isTrue();
    assertThat(ClientProperties.isSecret("ssl.keystore.key")).isTrue();
    assertThat(ClientProperties.isSecret("basic.auth.user.info")).isTrue();
    assertThat(ClientProperties.isSecret("sasl.oauthbearer.token.endpoint.url")).isTrue();
    assertThat(ClientProperties.isSecret("security.protocol")).isFalse();
    assertThat(ClientProperties.isSecret("ssl.truststore.location")).isFalse();
  }
}
