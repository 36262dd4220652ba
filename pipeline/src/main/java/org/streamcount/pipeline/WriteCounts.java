package org.streamcount.pipeline;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Running totals to Kafka: key = the word (UTF-8), value = the count in the chosen format. Only
 * totals higher than the last one published go out ({@link TotalRecords} drops most early, {@link
 * GrowingTotalsProducer} decides at the send), and every writer of a JVM sends through one
 * idempotent producer with acks=all ({@link SharedProducer}), so neither a retried send nor a
 * second writer can reorder or double an update, and a failed send is sent again.
 *
 * <p>The input holds {@link CountWords#TOTALS} or, with windows, {@link CountWords#WINDOW_TOTALS},
 * whose final totals go out marked (see {@link OutputFormat#FINAL_HEADER}).
 */
final class WriteCounts extends PTransform<PCollectionTuple, PDone> {
  private final KafkaClients kafka;
  private final String topic;
  private final OutputFormat format;
  private final EventTimeWindows windows;
  private final java.time.Duration outageLimit;
  private final JobConfig trackedJob;

  /**
   * @param outageLimit how long a send may wait for an unreachable broker before the job fails
   * @param trackedJob the job, when it tracks coverage: the input then holds {@link
   *     CountWords#COVERED_TOTALS} (the totals with their coverage, and the shards' progress for
   *     {@link JobConfig#progressTopic()}); null otherwise
   */
  WriteCounts(
      KafkaClients kafka,
      String topic,
      OutputFormat format,
      EventTimeWindows windows,
      java.time.Duration outageLimit,
      JobConfig trackedJob) {
    this.kafka = kafka;
    this.topic = topic;
    this.format = format;
    this.windows = windows;
    this.outageLimit = outageLimit;
    this.trackedJob = trackedJob;
  }

  @Override
  public PDone expand(PCollectionTuple counts) {
    Map<String, Object> ours = new HashMap<>();
    ours.put(ProducerConfig.ACKS_CONFIG, "all");
    ours.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    ours.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    ours.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // A send retries through broker restarts for up to --kafkaOutageLimit, then fails the job.
    int deliveryTimeout = (int) Math.min(Integer.MAX_VALUE, outageLimit.toMillis());
    ours.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeout);
    ours.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, deliveryTimeout - 1_000));
    ours.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryTimeout);
    PCollection<ProducerRecord<String, byte[]>> records;
    if (trackedJob != null) {
      records =
          counts
              .get(CountWords.COVERED_TOTALS)
              .apply(
                  "EncodeCoveredTotals",
                  ParDo.of(
                      new EncodeCoveredTotalsFn(
                          kafka,
                          topic,
                          format,
                          trackedJob.progressTopic(),
                          trackedJob.jobName(),
                          trackedJob.countShards())));
    } else if (windows.isGlobal()) {
      records =
          counts
              .get(CountWords.TOTALS)
              .apply(
                  "EncodeGrowingTotals", ParDo.of(new EncodeGrowingTotalsFn(kafka, topic, format)));
    } else {
      records =
          counts
              .get(CountWords.WINDOW_TOTALS)
              .apply(
                  "EncodeWindowTotals",
                  ParDo.of(new EncodeWindowTotalsFn(kafka, topic, format, windows)));
    }
    records.setCoder(ProducerRecordCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()));
    return records.apply(
        "WriteToKafka",
        KafkaIO.<String, byte[]>writeRecords()
            .withBootstrapServers(kafka.bootstrapServers())
            .withTopic(topic)
            .withKeySerializer(StringSerializer.class)
            .withValueSerializer(ByteArraySerializer.class)
            .withProducerConfigUpdates(kafka.producerSettings(ours))
            .withProducerFactoryFn(
                ProducerFactory.growingTotals(
                    kafka, topic, format, trackedJob == null ? null : trackedJob.progressTopic())));
  }
}
