package org.streamcount.pipeline.launch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamcount.pipeline.Coverage;
import org.streamcount.pipeline.EventTimeWindows;
import org.streamcount.pipeline.JobConfig;
import org.streamcount.pipeline.KafkaClientConfig;
import org.streamcount.pipeline.PublishedTotals;
import org.streamcount.pipeline.StartFrom;
import org.streamcount.pipeline.StartPoint;

/**
 * What the output topic's table holds when a job starts, held against {@code --startFrom}: the one
 * place that decides whether a start can give an exact table, before any line is read.
 */
final class TableAtStart {
  private static final Logger LOG = LoggerFactory.getLogger(TableAtStart.class);
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

  private TableAtStart() {}

  /**
   * Empties the table first for {@code --resetTable}, then reads it and checks the start mode.
   *
   * @param sparkCheckpoint the checkpoint directory Spark will go on from (its offsets and counts),
   *     or null when the job starts from the input
   * @return where the job starts and what from
   * @throws IllegalArgumentException when this start cannot give an exact table, saying what would
   */
  static StartPoint check(LaunchConfig launch, String sparkCheckpoint) throws InterruptedException {
    KafkaClientConfig kafka = launch.kafka();
    JobConfig job = launch.job();
    String topic = job.outputTopic();
    boolean resumesFromCheckpoint = sparkCheckpoint != null;
    if (job.startFrom() == StartFrom.EARLIEST && resumesFromCheckpoint) {
      throw new IllegalArgumentException(
          "--startFrom=earliest recounts from the start, but "
              + sparkCheckpoint
              + " holds a checkpoint Spark would go on from: give a new --checkpointDir");
    }
    // Spark restores its checkpoint's job graph, start included: the table then only guards.
    boolean tracks = job.tracksCoverage() && !resumesFromCheckpoint;
    CoveredTable table =
        CoveredTable.read(kafka, topic, job.outputFormat(), PublishedTotals.LOAD_TIMEOUT);
    JobProgress progress =
        job.tracksCoverage() ? JobProgress.read(kafka, job.progressTopic(), KAFKA_TIMEOUT) : null;
    if (progress != null && !progress.otherJobs(job.jobName()).isEmpty()) {
      throw new IllegalArgumentException(
          topic
              + " is the table of job(s) "
              + String.join(", ", progress.otherJobs(job.jobName()))
              + " (their progress is in "
              + job.progressTopic()
              + "), and this is job "
              + job.jobName()
              + ": two jobs would write one table. Continue that job with its --jobName, or use"
              + " another --outputTopic");
    }
    if (launch.resetTable() && !table.isEmpty()) {
      deleteEveryKey(kafka, topic, table.totals().keySet());
      LOG.info(
          "--resetTable: deleted the {} words of {} (a tombstone each)",
          table.totals().size(),
          topic);
      table = new CoveredTable(Map.of(), Map.of());
    }
    if (launch.resetTable() && progress != null && !progress.keysOf(job.jobName()).isEmpty()) {
      deleteEveryKey(kafka, job.progressTopic(), progress.keysOf(job.jobName()));
    }
    if (table.isEmpty()) {
      return tracks
          ? StartPoint.tracking(
              inputOffsets(kafka, job.inputTopics(), job.startFrom() == StartFrom.LATEST),
              Map.of(),
              Map.of())
          : StartPoint.untracked(Map.of());
    }
    requireSameKindOfKeys(table.totals(), job.windows(), topic);
    switch (job.startFrom()) {
      case EARLIEST ->
          throw new IllegalArgumentException(
              "--startFrom=earliest recounts into an empty table, but "
                  + topic
                  + " holds totals for "
                  + table.totals().size()
                  + " words: the recount would publish lower totals than those. "
                  + "Add --resetTable to empty it first, or continue it with --startFrom=resume (the default) or latest");
      case RESUME -> {
        if (tracks && table.everyTotalCovered()) {
          return resumeFromTable(kafka, job, table, progress);
        }
        if (!resumesFromCheckpoint) {
          requireWholeInput(kafka, job.inputTopics(), topic);
        } else if (launch.consumerGroup() != null) {
          requireUnreadLinesKept(kafka, launch.consumerGroup(), sparkCheckpoint);
        }
        return StartPoint.untracked(table.totals());
      }
      case LATEST -> {
        LOG.info(
            "continuing {}: {} words start from their totals there", topic, table.totals().size());
        return tracks
            ? StartPoint.tracking(
                inputOffsets(kafka, job.inputTopics(), true), table.totals(), Map.of())
            : StartPoint.continuing(table.totals());
      }
      default -> throw new IllegalStateException("unknown start mode " + job.startFrom());
    }
  }

  /**
   * The table is the state: each input partition is read again from where the job's progress says
   * the table holds every line (a new partition from its beginning), each word starts from its
   * total, and a word of a re-read line that its total already counts is dropped.
   */
  private static StartPoint resumeFromTable(
      KafkaClientConfig kafka, JobConfig job, CoveredTable table, JobProgress progress) {
    Map<String, Long> countedUpTo = progress.countedUpTo(job.jobName());
    Map<String, Long> begin = inputOffsets(kafka, job.inputTopics(), false);
    Map<String, Long> offsets = new TreeMap<>();
    List<String> lost = new ArrayList<>();
    begin.forEach(
        (partition, first) -> {
          long from = countedUpTo.getOrDefault(partition, 0L);
          if (from < first) {
            lost.add(
                partition + " (counted up to offset " + from + ", now starts at " + first + ")");
          }
          offsets.put(partition, from);
        });
    if (!lost.isEmpty()) {
      throw new IllegalArgumentException(
          "cannot resume "
              + job.outputTopic()
              + ": the input lost lines its table never counted, in "
              + String.join(", ", lost)
              + "; they would be skipped without a count. Continue with only new lines "
              + "(--startFrom=latest), or recount what is left (--startFrom=earliest --resetTable)");
    }
    Map<String, Coverage> countedAbove = new HashMap<>();
    table
        .covers()
        .forEach(
            (word, covers) -> {
              Coverage above = covers.above(offsets);
              if (!above.isEmpty()) {
                countedAbove.put(word, above);
              }
            });
    LOG.info(
        "resuming {} from its {} totals: reading from {}; {} words counted further",
        job.outputTopic(),
        table.totals().size(),
        offsets,
        countedAbove.size());
    return StartPoint.tracking(offsets, table.totals(), countedAbove);
  }

  /** Each input partition's first offset, or with {@code end} the offset after its last record. */
  private static Map<String, Long> inputOffsets(
      KafkaClientConfig kafka, List<String> inputTopics, boolean end) {
    Map<String, Long> offsets = new TreeMap<>();
    partitionOffsets(kafka, inputTopics, end)
        .forEach((tp, o) -> offsets.put(Coverage.partitionName(tp.topic(), tp.partition()), o));
    return offsets;
  }

  /** The first ({@code end}: next) offset of every partition of {@code topics}. */
  private static Map<TopicPartition, Long> partitionOffsets(
      KafkaClientConfig kafka, List<String> topics, boolean end) {
    try (KafkaConsumer<byte[], byte[]> consumer = kafka.standaloneConsumer()) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String t : topics) {
        consumer
            .partitionsFor(t, KAFKA_TIMEOUT)
            .forEach(p -> partitions.add(new TopicPartition(t, p.partition())));
      }
      return end
          ? consumer.endOffsets(partitions, KAFKA_TIMEOUT)
          : consumer.beginningOffsets(partitions, KAFKA_TIMEOUT);
    }
  }

  /**
   * A windowed job writes {@code word@window-start} keys, an all-time job plain words: one into a
   * table of the other would mix two tables in one topic, and a windowed total would never meet the
   * word's all-time one. The keys say which table a topic holds.
   */
  private static void requireSameKindOfKeys(
      Map<String, Long> table, EventTimeWindows windows, String topic) {
    String other = null;
    for (String key : table.keySet()) {
      boolean windowedKey;
      try {
        EventTimeWindows.startOf(key);
        windowedKey = true;
      } catch (IllegalArgumentException e) {
        windowedKey = false;
      }
      if (windowedKey == windows.isGlobal()) {
        other = key;
        break;
      }
    }
    if (other != null) {
      throw new IllegalArgumentException(
          topic
              + (windows.isGlobal()
                  ? " holds windowed counts (key '" + other + "'), and this job counts all time"
                  : " holds all-time counts (key '"
                      + other
                      + "'), and this job counts --window="
                      + windows)
              + ": use another --outputTopic, or the --window the table was made with");
    }
  }

  /**
   * Resuming recounts the retained input: if a partition lost its first lines to retention, the
   * recount of their words would stay below the table's totals, and the table would freeze them.
   */
  private static void requireWholeInput(
      KafkaClientConfig kafka, List<String> inputTopics, String table) {
    List<String> cut = new ArrayList<>();
    partitionOffsets(kafka, inputTopics, false)
        .forEach(
            (tp, first) -> {
              if (first > 0) {
                cut.add(tp + " starts at offset " + first);
              }
            });
    if (!cut.isEmpty()) {
      cut.sort(null);
      throw new IllegalArgumentException(
          "cannot resume "
              + table
              + ": it counts lines the input no longer holds ("
              + String.join(", ", cut)
              + "), so a recount would stay below it. Continue it with only new lines "
              + "(--startFrom=latest), or recount what is left (--startFrom=earliest --resetTable)");
    }
  }

  /**
   * Spark goes on from its checkpoint's offsets; where the input no longer holds them, Kafka's
   * reader silently starts at the log's new start, and the lines in between, never counted, are
   * lost without a word. The checkpoint's offsets are Spark's own; the read positions the last run
   * committed to its consumer group ({@link GroupProgress}, at most a couple of seconds behind the
   * reads) say the same: below the log start, lines the job never read are gone.
   */
  private static void requireUnreadLinesKept(
      KafkaClientConfig kafka, String group, String checkpoint) throws InterruptedException {
    Map<TopicPartition, Long> read = new HashMap<>();
    Map<TopicPartition, Long> first;
    try (Admin admin = Admin.create(kafka.admin());
        KafkaConsumer<byte[], byte[]> consumer = kafka.standaloneConsumer()) {
      admin
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get(KAFKA_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
          .forEach(
              (tp, next) -> {
                if (next != null) {
                  read.put(tp, next.offset());
                }
              });
      if (read.isEmpty()) {
        return;
      }
      first = consumer.beginningOffsets(read.keySet(), KAFKA_TIMEOUT);
    } catch (java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException
        | org.apache.kafka.common.KafkaException e) {
      LOG.debug("could not compare {}'s read positions with the input", group, e);
      return;
    }
    List<String> lost = new ArrayList<>();
    read.forEach(
        (tp, next) -> {
          long start = first.getOrDefault(tp, 0L);
          if (next < start) {
            lost.add(tp + ": read up to offset " + next + ", now starts at " + start);
          }
        });
    if (!lost.isEmpty()) {
      lost.sort(null);
      throw new IllegalArgumentException(
          "cannot resume from the Spark checkpoint in "
              + checkpoint
              + ": the input lost lines this job had not read yet ("
              + String.join("; ", lost)
              + "), so they would be skipped without a count. Continue with only new lines "
              + "(--startFrom=latest), or recount what is left (--startFrom=earliest --resetTable),"
              + " each with a new --checkpointDir");
    }
  }

  private static void deleteEveryKey(KafkaClientConfig kafka, String topic, Iterable<String> words)
      throws InterruptedException {
    Map<String, Object> config = new HashMap<>(kafka.withSecrets(kafka.producerSettings(Map.of())));
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (String word : words) {
        sent.add(
            producer.send(
                new ProducerRecord<>(topic, word.getBytes(StandardCharsets.UTF_8), null)));
      }
      for (Future<RecordMetadata> ack : sent) {
        ack.get(KAFKA_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(
          "--resetTable: could not delete the words of " + topic + ": " + e.getMessage(), e);
    }
  }
}
