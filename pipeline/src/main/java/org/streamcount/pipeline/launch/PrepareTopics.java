package org.streamcount.pipeline.launch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamcount.kafka.BrokerAnswer;
import org.streamcount.kafka.KafkaTopics;
import org.streamcount.pipeline.KafkaClientConfig;

/**
 * Before the pipeline starts: wait (bounded) for the broker, for the input topics, and create the
 * output topic as a compacted table (and the progress topic of a job that tracks coverage). KafkaIO
 * would otherwise fail deep inside a runner with a stack trace, or, for a missing topic, at an
 * unhelpful moment.
 */
final class PrepareTopics {
  private static final Logger LOG = LoggerFactory.getLogger(PrepareTopics.class);
  private static final Duration NOTICE_EVERY = Duration.ofSeconds(5);

  private final KafkaClientConfig kafka;
  private final Duration wait;

  PrepareTopics(KafkaClientConfig kafka, Duration wait) {
    this.kafka = kafka;
    this.wait = wait;
  }

  /**
   * @throws KafkaUnavailableException with a one-line reason when the wait runs out
   */
  void prepare(
      List<String> inputTopics,
      boolean createInputs,
      String outputTopic,
      int outputPartitions,
      String deadLetterTopic,
      int largestRecordBytes,
      Duration windowRetention,
      boolean outputTopicAsIs,
      String progressTopic)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    try (Admin admin = Admin.create(adminProperties())) {
      awaitBroker(admin, deadline);
      if (createInputs) {
        for (String topic : inputTopics) {
          createIfMissing(admin, new NewTopic(topic, Optional.of(1), Optional.empty()));
        }
      }
      awaitTopics(admin, inputTopics, deadline);
      // A windowed table grows by a key per word and window: its old windows go by retention.
      Map<String, String> tableConfig =
          windowRetention == null
              ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
              : Map.of(
                  TopicConfig.CLEANUP_POLICY_CONFIG,
                  TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                  TopicConfig.RETENTION_MS_CONFIG,
                  Long.toString(windowRetention.toMillis()));
      NewTopic table =
          new NewTopic(outputTopic, Optional.of(outputPartitions), Optional.empty())
              .configs(tableConfig);
      if (deadLetterTopic != null
          && createIfMissing(
              admin, new NewTopic(deadLetterTopic, Optional.of(1), Optional.empty()))) {
        LOG.info("created dead-letter topic {}", deadLetterTopic);
      }
      if (createIfMissing(admin, table)) {
        LOG.info(
            "created output topic {} ({}, {} partition(s))",
            outputTopic,
            tableConfig,
            outputPartitions);
      } else {
        checkExistingTable(
            admin, outputTopic, outputPartitions, largestRecordBytes, outputTopicAsIs);
      }
      if (progressTopic != null
          && createIfMissing(
              admin,
              new NewTopic(progressTopic, Optional.of(1), Optional.empty())
                  .configs(
                      Map.of(
                          TopicConfig.CLEANUP_POLICY_CONFIG,
                          TopicConfig.CLEANUP_POLICY_COMPACT)))) {
        LOG.info("created progress topic {} (compacted)", progressTopic);
      }
    }
  }

  private Map<String, Object> adminProperties() {
    Map<String, Object> props = new HashMap<>();
    kafka.admin().forEach((k, v) -> props.put((String) k, v));
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
    return props;
  }

  private void awaitBroker(Admin admin, long deadline) throws InterruptedException {
    Throwable why =
        BrokerAnswer.await(
            admin,
            Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
            NOTICE_EVERY,
            () -> LOG.warn("waiting for Kafka at {} ...", kafka.bootstrapServers()));
    if (why instanceof AuthenticationException) {
      throw new KafkaUnavailableException(
          "Kafka at "
              + kafka.bootstrapServers()
              + " ("
              + kafka.securityProtocol()
              + " listener) refused the credentials in --kafkaConfig: "
              + why.getMessage());
    }
    if (why != null) {
      throw new KafkaUnavailableException(
          "no Kafka broker answered at "
              + kafka.bootstrapServers()
              + " within "
              + wait.toSeconds()
              + " s"
              + (why.getMessage() == null ? "" : " (last error: " + why.getMessage() + ")")
              + "; check --bootstrapServers, or start one with bin/kafka-local start");
    }
  }

  private void awaitTopics(Admin admin, List<String> topics, long deadline)
      throws InterruptedException {
    long nextNotice = System.nanoTime();
    List<String> missing = new ArrayList<>(topics);
    while (true) {
      try {
        Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        missing.removeIf(existing::contains);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof AuthorizationException) {
          throw new KafkaUnavailableException(
              "not allowed to list topics on "
                  + kafka.bootstrapServers()
                  + ": "
                  + e.getCause().getMessage());
        }
      } catch (java.util.concurrent.TimeoutException e) {
        // asked again below
      }
      if (missing.isEmpty()) {
        return;
      }
      if (System.nanoTime() >= deadline) {
        throw new KafkaUnavailableException(
            "input topic(s) "
                + String.join(", ", missing)
                + " do not exist (waited "
                + wait.toSeconds()
                + " s); create them, start the replayer, "
                + "or pass --createInputTopics");
      }
      if (System.nanoTime() >= nextNotice) {
        LOG.warn(
            "waiting for input topic(s) {} to exist (up to {} s; --createInputTopics creates them) ...",
            String.join(", ", missing),
            wait.toSeconds());
        nextNotice = System.nanoTime() + NOTICE_EVERY.toNanos();
      }
      Thread.sleep(500);
    }
  }

  /**
   * @return true if this call created the topic
   */
  private static boolean createIfMissing(Admin admin, NewTopic topic) throws InterruptedException {
    try {
      return KafkaTopics.createIfMissing(admin, topic, Duration.ofSeconds(30));
    } catch (IllegalStateException e) {
      throw new KafkaUnavailableException(e.getMessage());
    }
  }

  /**
   * An output topic that exists already must hold the table as the job writes it: compacted (else
   * old totals pile up until retention deletes them, the latest with them), with at least the
   * partitions asked for, and taking records as large as the job's largest. Refused otherwise,
   * unless the user says to take it as it is. A too small {@code max.message.bytes} is caught here
   * because at the send it is no clean failure: the producer splits the refused batch again and
   * again (with compression, until a StackOverflowError) for as long as its delivery timeout.
   *
   * @throws IllegalArgumentException naming the setting and the way out
   */
  private static void checkExistingTable(
      Admin admin, String topic, int partitions, int largestRecordBytes, boolean asIs)
      throws InterruptedException {
    List<String> problems = new java.util.ArrayList<>();
    try {
      String policy =
          KafkaTopics.setting(
              admin, topic, TopicConfig.CLEANUP_POLICY_CONFIG, Duration.ofSeconds(10));
      if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
        problems.add("cleanup.policy=" + policy + " (not compact: retention would delete totals)");
      }
      String maxBytes =
          KafkaTopics.setting(
              admin, topic, TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Duration.ofSeconds(10));
      if (Long.parseLong(maxBytes) < largestRecordBytes) {
        problems.add(
            "max.message.bytes="
                + maxBytes
                + " (a total of a word of --maxWordLength chars can take "
                + largestRecordBytes
                + " bytes)");
      }
      int actual = KafkaTopics.partitions(admin, topic, Duration.ofSeconds(10));
      if (actual < partitions) {
        problems.add(actual + " partition(s), fewer than --outputPartitions=" + partitions);
      }
    } catch (IllegalStateException e) {
      LOG.debug("could not read the configuration of {}", topic, e);
      return;
    }
    if (problems.isEmpty()) {
      return;
    }
    String what = "output topic " + topic + " exists with " + String.join(" and ", problems);
    if (!asIs) {
      throw new IllegalArgumentException(
          what + "; use another --outputTopic, or --allowOutputTopicAsIs to write to it anyway");
    }
    LOG.warn("{}; writing to it as it is (--allowOutputTopicAsIs)", what);
  }
}
