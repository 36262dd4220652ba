package org.streamcount.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** No broker here: a closed port, where every launcher must give up within its bound. */
class BrokerAnswerTest {

  @Test
  @Timeout(60) // the wait must end by itself: a hang fails here rather than stalling the build
  void aClosedPortIsABoundedWaitWithAReasonAndNotices() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", "127.0.0.1:" + closed);
    p.setProperty("request.timeout.ms", "1000");
    p.setProperty("default.api.timeout.ms", "1000");
    AtomicInteger notices = new AtomicInteger();
    try (Admin admin = Admin.create(p)) {
      Throwable why =
          BrokerAnswer.await(
              admin, Duration.ofSeconds(5), Duration.ofMillis(100), notices::incrementAndGet);
      assertThat(why).isNotNull();
    }
    assertThat(notices.get()).isPositive();
  }
}
