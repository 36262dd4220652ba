package org.streamcount.pipeline.launch;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamcount.kafka.RootCause;

/**
 * Commits the positions the job has read to its consumer group ({@code --consumerGroup}), so that
 * {@code kafka-consumer-groups --describe}, Burrow or a Kafka UI show the job's lag like any
 * consumer's. The job never reads from them: where it reads is its start mode's decision (a group
 * without members accepts commits from the admin client, and the read has no group). A position is
 * what was read, not yet necessarily in the table: at most one firing ahead of it.
 */
final class GroupProgress {
  private static final Logger LOG = LoggerFactory.getLogger(GroupProgress.class);
  static final String METADATA = "streamcount: read position, for lag tools";

  private final Admin admin;
  private final String group;
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private boolean refused;

  GroupProgress(Admin admin, String group) {
    this.admin = admin;
    this.group = group;
  }

  /**
   * Commits the positions after {@code lastRead} that moved since the last commit. A refusal (an
   * ACL, a group with live members) is said once and ends the commits; the count goes on.
   */
  void commit(Map<TopicPartition, Long> lastRead) throws InterruptedException {
    if (refused) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
    lastRead.forEach(
        (partition, offset) -> {
          Long before = committed.get(partition);
          if (before == null || offset > before) {
            moved.put(partition, new OffsetAndMetadata(offset + 1, METADATA));
          }
        });
    if (moved.isEmpty()) {
      return;
    }
    try {
      admin.alterConsumerGroupOffsets(group, moved).all().get(5, TimeUnit.SECONDS);
      moved.forEach((partition, next) -> committed.put(partition, next.offset() - 1));
    } catch (TimeoutException e) {
      LOG.debug("committing the read positions to {} timed out; next time", group);
    } catch (ExecutionException e) {
      refused = true;
      LOG.warn(
          "cannot commit the job's read positions to consumer group {} ({}); lag tools will not see"
              + " its lag (--consumerGroup names another group, empty for none)",
          group,
          RootCause.message(e));
    }
  }
}
