package org.streamcount.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The topic chores of every command, done one way: create a topic unless it exists (and ready to
 * take records), read what an existing one is. Failures are one line naming the topic ({@link
 * IllegalStateException}); each command turns them into its own exit code.
 */
public final class KafkaTopics {
  private KafkaTopics() {}

  /**
   * Creates {@code topic} unless it exists, and returns once the leader of each of its partitions
   * serves it, so that a producer may send to it at once.
   *
   * <p>Why the wait: Kafka answers CreateTopics when the controller has the topic, a moment before
   * the broker leads its partitions. An idempotent producer that sends two requests to a partition
   * in that moment can see the first refused (not the leader yet) and the second appended; before
   * Kafka 4.5 the broker then refuses every retry of the first (out of order sequence) until it
   * expires, and its records are lost (KAFKA-15591; seen here on a busy machine: a test's first
   * lines never arrived).
   *
   * @return true if this call created {@code topic}, false if it existed already (as it is: its
   *     settings are not compared)
   * @throws IllegalStateException when Kafka refused it or did not answer within {@code timeout}
   */
  public static boolean createIfMissing(Admin admin, NewTopic topic, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean created;
    try {
      admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      created = true;
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "cannot create topic " + topic.name() + ": " + RootCause.message(e), e);
      }
      created = false;
    } catch (TimeoutException e) {
      throw new IllegalStateException("creating topic " + topic.name() + " timed out", e);
    }
    awaitLeaders(admin, topic.name(), deadline);
    return created;
  }

  /**
   * Returns once the leader of every partition of {@code topic} answers for it. A ListOffsets
   * request goes to a partition's leader as a produce request does, and the admin client retries it
   * while the broker does not lead the partition yet.
   */
  private static void awaitLeaders(Admin admin, String topic, long deadline)
      throws InterruptedException {
    int partitions = partitionsOnceKnown(admin, topic, deadline);
    Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      ends.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    long left = millisUntil(deadline);
    try {
      admin
          .listOffsets(ends, new ListOffsetsOptions().timeoutMs((int) left))
          .all()
          .get(left, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw new IllegalStateException(
          "topic "
              + topic
              + " exists, but its partitions' leader did not answer for them: "
              + RootCause.message(e),
          e);
    }
  }

  /** The broker that answers may learn of a topic just created a moment after the controller. */
  private static int partitionsOnceKnown(Admin admin, String topic, long deadline)
      throws InterruptedException {
    while (true) {
      try {
        return partitions(admin, topic, Duration.ofMillis(millisUntil(deadline)));
      } catch (IllegalStateException e) {
        if (!(e.getCause() instanceof ExecutionException cause
                && cause.getCause() instanceof UnknownTopicOrPartitionException)
            || millisUntil(deadline) <= 50) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  private static long millisUntil(long deadline) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  /**
   * The value of one setting of {@code topic} ({@code cleanup.policy}, {@code retention.ms}, ...),
   * as the broker applies it: the topic's own or the broker's default.
   *
   * @throws IllegalStateException when it cannot be read within {@code timeout}
   */
  public static String setting(Admin admin, String topic, String key, Duration timeout)
      throws InterruptedException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try {
      return admin
          .describeConfigs(List.of(resource))
          .all()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .get(resource)
          .get(key)
          .value();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot read " + key + " of topic " + topic + ": " + RootCause.message(e), e);
    }
  }

  /**
   * How many partitions {@code topic} has.
   *
   * @throws IllegalStateException when it cannot be read within {@code timeout}
   */
  public static int partitions(Admin admin, String topic, Duration timeout)
      throws InterruptedException {
    try {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .get(topic)
          .partitions()
          .size();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot read the partitions of topic " + topic + ": " + RootCause.message(e), e);
    }
  }
}
