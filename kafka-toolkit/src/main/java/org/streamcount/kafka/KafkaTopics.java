package org.streamcount.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topic chores of every command, done one way: create a topic unless it exists, read what an
 * existing one is. Failures are one line naming the topic ({@link IllegalStateException}); each
 * command turns them into its own exit code.
 */
public final class KafkaTopics {
  private KafkaTopics() {}

  /**
   * @return true if this call created {@code topic}, false if it existed already (as it is: its
   *     settings are not compared)
   * @throws IllegalStateException when Kafka refused it or did not answer within {@code timeout}
   */
  public static boolean createIfMissing(Admin admin, NewTopic topic, Duration timeout)
      throws InterruptedException {
    try {
      admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false;
      }
      throw new IllegalStateException(
          "cannot create topic " + topic.name() + ": " + RootCause.message(e), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("creating topic " + topic.name() + " timed out", e);
    }
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
