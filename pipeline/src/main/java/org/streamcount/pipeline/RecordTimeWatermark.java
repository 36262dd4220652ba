package org.streamcount.pipeline;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Instant;

/**
 * Event time for windows: each record's time is its Kafka timestamp, and each partition's watermark
 * is the latest timestamp read from it, never the wall clock. Beam's own policies move an idle
 * partition's watermark to the present, which makes a replay of 2019 rows late the moment it
 * pauses; here a replay is on time however slowly it comes.
 *
 * <p>A partition with nothing to read for {@code idleTimeout} would hold every window open (the
 * read's watermark is the lowest of its partitions'), so it follows the latest timestamp read from
 * any partition of the job in this JVM instead; a record it receives later that is behind that is
 * late like any other. The watermark never goes back.
 */
final class RecordTimeWatermark implements TimestampPolicyFactory<byte[], byte[]> {
  private static final Map<String, AtomicLong> LATEST_PER_READ = new ConcurrentHashMap<>();

  private final String read;
  private final long idleMillis;

  /**
   * @param read names the read whose partitions share the latest timestamp (its topics)
   * @param idleTimeout how long a partition with nothing to read may hold the watermark back
   */
  RecordTimeWatermark(String read, Duration idleTimeout) {
    this.read = read;
    this.idleMillis = idleTimeout.toMillis();
  }

  @Override
  public TimestampPolicy<byte[], byte[]> createTimestampPolicy(
      TopicPartition partition, Optional<Instant> previousWatermark) {
    return new Policy(
        LATEST_PER_READ.computeIfAbsent(read, r -> new AtomicLong(Long.MIN_VALUE)),
        previousWatermark.orElse(BoundedWindow.TIMESTAMP_MIN_VALUE).getMillis(),
        idleMillis);
  }

  /** One partition's. */
  static final class Policy extends TimestampPolicy<byte[], byte[]> {
    private final AtomicLong latestOfRead;
    private final long idleMillis;
    private long latest;
    private long watermark;
    private long lastRecordAt = System.currentTimeMillis();

    Policy(AtomicLong latestOfRead, long watermark, long idleMillis) {
      this.latestOfRead = latestOfRead;
      this.latest = watermark;
      this.watermark = watermark;
      this.idleMillis = idleMillis;
    }

    @Override
    public Instant getTimestampForRecord(PartitionContext context, KafkaRecord<byte[], byte[]> r) {
      long time = r.getTimestamp();
      if (time > latest) {
        latest = time;
        latestOfRead.accumulateAndGet(time, Math::max);
      }
      lastRecordAt = System.currentTimeMillis();
      return new Instant(time);
    }

    @Override
    public Instant getWatermark(PartitionContext context) {
      boolean idle =
          context.getMessageBacklog() <= 0
              && System.currentTimeMillis() - lastRecordAt >= idleMillis;
      watermark = Math.max(watermark, idle ? Math.max(latest, latestOfRead.get()) : latest);
      return new Instant(Math.max(watermark, BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis()));
    }
  }
}
