package org.streamcount.kafkalocal;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Waits until a broker serves metadata: an open port alone is not a ready broker. */
final class Readiness {
  private Readiness() {}

  /**
   * @return true once the broker at {@code bootstrap} describes its cluster, false at the deadline
   */
  static boolean await(String bootstrap, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Properties props = new Properties();
    props.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    props.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    props.setProperty(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
    try (Admin admin = Admin.create(props)) {
      while (System.nanoTime() < deadline) {
        try {
          var nodes =
              admin
                  .describeCluster(new DescribeClusterOptions().timeoutMs(3000))
                  .nodes()
                  .get(4, TimeUnit.SECONDS);
          if (!nodes.isEmpty()) {
            return true;
          }
        } catch (InterruptedException e) {
          throw e;
        } catch (Exception notYet) {
          // still starting: keep asking until the deadline
        }
        Thread.sleep(200);
      }
    }
    return false;
  }
}
