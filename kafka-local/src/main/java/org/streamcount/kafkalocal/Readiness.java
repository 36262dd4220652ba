package org.streamcount.kafkalocal;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.streamcount.kafka.BrokerAnswer;

/** Waits until a freshly started broker serves metadata. */
final class Readiness {
  private Readiness() {}

  /**
   * @return true once the broker at {@code bootstrap} answers, false at the deadline
   */
  static boolean await(String bootstrap, Duration timeout) throws InterruptedException {
    Properties props = new Properties();
    props.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    props.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    props.setProperty(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
    try (Admin admin = Admin.create(props)) {
      // still starting: no one to tell, the caller says what it waits for
      return BrokerAnswer.await(admin, timeout, timeout, () -> {}) == null;
    }
  }
}
