package org.streamcount.pipeline.launch;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamcount.kafka.BrokerAnswer;
import org.streamcount.pipeline.KafkaClientConfig;

/**
 * Watches the brokers while the job runs. KafkaIO's clients retry forever and quietly, so a broker
 * that goes away would otherwise leave a silent, stuck job. This says when Kafka stops answering
 * and when it is back, and tells the caller to give up once the outage lasts longer than the limit.
 */
final class KafkaHealth implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaHealth.class);

  private final KafkaClientConfig kafka;
  private final Duration outageLimit;
  private final Admin admin;
  private long downSinceNanos = -1;
  private String lastError = "";

  KafkaHealth(KafkaClientConfig kafka, Duration outageLimit) {
    this.kafka = kafka;
    this.outageLimit = outageLimit;
    Map<String, Object> props = new HashMap<>();
    kafka.admin().forEach((k, v) -> props.put((String) k, v));
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4_000);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
    this.admin = Admin.create(props);
  }

  /**
   * @return false once Kafka has not answered for longer than the outage limit
   */
  boolean check() throws InterruptedException {
    Throwable why = BrokerAnswer.ask(admin);
    boolean answers = why == null;
    if (!answers) {
      lastError = why.getMessage() == null ? why.toString() : why.getMessage();
    }
    long now = System.nanoTime();
    if (answers) {
      if (downSinceNanos >= 0) {
        LOG.info(
            "Kafka at {} answers again after {} s; the job goes on where it was",
            kafka.bootstrapServers(),
            Math.round((now - downSinceNanos) / 1e9));
        downSinceNanos = -1;
      }
      return true;
    }
    if (downSinceNanos < 0) {
      downSinceNanos = now;
      LOG.warn(
          "Kafka at {} is not answering ({}); the job keeps retrying for up to {} s (--kafkaOutageLimit)",
          kafka.bootstrapServers(),
          lastError,
          outageLimit.toSeconds());
      return true;
    }
    return Duration.ofNanos(now - downSinceNanos).compareTo(outageLimit) <= 0;
  }

  /** The admin client the health checks use, for the launcher's other small chores. */
  Admin admin() {
    return admin;
  }

  String outageMessage() {
    return "Kafka at "
        + kafka.bootstrapServers()
        + " did not answer for "
        + outageLimit.toSeconds()
        + " s (--kafkaOutageLimit); the job stopped. Last error: "
        + lastError;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
