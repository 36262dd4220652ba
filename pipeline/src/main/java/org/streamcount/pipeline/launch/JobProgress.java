package org.streamcount.pipeline.launch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.streamcount.pipeline.Coverage;
import org.streamcount.pipeline.KafkaClientConfig;
import org.streamcount.pipeline.TableRead;

/**
 * The progress records of a table's jobs ({@code <output>-progress}, compacted): per job, shard
 * count and shard ({@code job/shards/shard}), the lines that shard's totals counted when every
 * total it had published so far was acknowledged. Progress lags the table; it never runs ahead of
 * it, so below it the table holds every line.
 */
final class JobProgress {
  /** key -> coverage */
  private final Map<String, Coverage> records;

  private JobProgress(Map<String, Coverage> records) {
    this.records = records;
  }

  /** Progress records as the topic holds them: key -> coverage. */
  static JobProgress of(Map<String, Coverage> records) {
    return new JobProgress(new HashMap<>(records));
  }

  static JobProgress read(KafkaClientConfig kafka, String progressTopic, Duration timeout) {
    Map<String, Coverage> records = new HashMap<>();
    TableRead.wholeTopic(
        kafka,
        progressTopic,
        timeout,
        r -> {
          if (r.key() == null) {
            return;
          }
          String key = new String(r.key(), StandardCharsets.UTF_8);
          if (r.value() == null) {
            records.remove(key);
            return;
          }
          try {
            records.put(key, Coverage.decode(new String(r.value(), StandardCharsets.UTF_8)));
          } catch (IllegalArgumentException notProgress) {
            // a record some other producer wrote: left out
          }
        });
    return new JobProgress(records);
  }

  /** The keys of {@code job}'s records. */
  Set<String> keysOf(String job) {
    Set<String> keys = new TreeSet<>();
    records
        .keySet()
        .forEach(
            k -> {
              if (k.startsWith(job + "/")) {
                keys.add(k);
              }
            });
    return keys;
  }

  /** The names of the jobs other than {@code job} with progress here. */
  Set<String> otherJobs(String job) {
    Set<String> others = new TreeSet<>();
    for (String key : records.keySet()) {
      int slash = key.indexOf('/');
      String name = slash < 0 ? key : key.substring(0, slash);
      if (!name.equals(job)) {
        others.add(name);
      }
    }
    return others;
  }

  /**
   * Per partition, an offset below which the table holds every line of {@code job}: over every
   * shard count of which each shard has a record, the lowest a shard has counted up to from the
   * start of the partition; the highest of those. A partition absent: 0.
   */
  Map<String, Long> countedUpTo(String job) {
    Map<Integer, Map<Integer, Coverage>> byShardCount = new HashMap<>();
    records.forEach(
        (key, coverage) -> {
          String[] parts = key.split("/");
          if (parts.length != 3 || !parts[0].equals(job)) {
            return;
          }
          try {
            byShardCount
                .computeIfAbsent(Integer.parseInt(parts[1]), n -> new HashMap<>())
                .put(Integer.parseInt(parts[2]), coverage);
          } catch (NumberFormatException notOurs) {
            // left out
          }
        });
    Map<String, Long> upTo = new HashMap<>();
    byShardCount.forEach(
        (shards, perShard) -> {
          for (int s = 0; s < shards; s++) {
            if (!perShard.containsKey(s)) {
              return; // a shard that never reported: this shard count says nothing
            }
          }
          Set<String> partitions = new TreeSet<>();
          perShard.values().forEach(c -> partitions.addAll(c.coveredUpTo().keySet()));
          for (String p : partitions) {
            long lowest = Long.MAX_VALUE;
            for (Coverage c : perShard.values()) {
              lowest = Math.min(lowest, c.coveredUpTo(p));
            }
            upTo.merge(p, lowest, Math::max);
          }
        });
    return upTo;
  }
}
