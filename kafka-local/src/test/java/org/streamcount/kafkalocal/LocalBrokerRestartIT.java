package org.streamcount.kafkalocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** Alone: while the broker is down, a broker started beside it could be given its port. */
@Isolated
class LocalBrokerRestartIT {

  @Test
  void servesRecordsAndKeepsThemAcrossARestartOnTheSamePort(@TempDir Path dir) throws Exception {
    try (LocalBroker broker = LocalBroker.start(dir)) {
      String bootstrap = broker.bootstrapServers();
      assertThat(bootstrap).startsWith("127.0.0.1:");
      assertThat(new BrokerHome(dir).bootstrap()).contains(bootstrap);
      LocalBrokerIT.produce(bootstrap, "t", "before restart");

      broker.kill();
      assertThat(broker.isAlive()).isFalse();
      broker.restart();

      assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
      LocalBrokerIT.produce(bootstrap, "t", "after restart");
      assertThat(LocalBrokerIT.consumeAll(bootstrap, "t", 2))
          .containsExactly("before restart", "after restart");
    }
  }
}
