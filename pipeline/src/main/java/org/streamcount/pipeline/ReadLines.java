package org.streamcount.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.options.ExperimentalOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Lines from Kafka: KafkaIO reads raw record values (bytes, so a bad record cannot fail inside the
 * reader) and {@link DecodeLinesFn} turns them into strings, skipping poison (and, if asked,
 * sending it to a dead-letter topic).
 */
final class ReadLines extends PTransform<PBegin, PCollection<Line>> {
  static final long SDF_POLL_SECONDS = 1;
  static final java.time.Duration SDF_LONGEST_POLL = java.time.Duration.ofMillis(100);

  private final KafkaClients kafka;
  private final List<String> topics;
  private final StartFrom startFrom;
  private final Map<String, Long> startAt;
  private final String deadLetterTopic;
  private final long readLimit;
  private final boolean eventTime;
  private final java.time.Duration idlePartitionTimeout;

  /**
   * @param startAt partition -> first offset to read; a partition not named starts where {@code
   *     startFrom} says
   * @param deadLetterTopic where skipped records go, or null to only count them
   * @param readLimit records to read before the input ends; {@link Long#MAX_VALUE}: never ends
   * @param eventTime each line's timestamp is its record's (for windows); else the time it was read
   * @param idlePartitionTimeout with event time: how long a partition with nothing to read may hold
   *     the watermark back (see {@link RecordTimeWatermark})
   */
  ReadLines(
      KafkaClients kafka,
      List<String> topics,
      StartFrom startFrom,
      Map<String, Long> startAt,
      String deadLetterTopic,
      long readLimit,
      boolean eventTime,
      java.time.Duration idlePartitionTimeout) {
    this.kafka = kafka;
    this.topics = topics;
    this.startFrom = startFrom;
    this.startAt = new HashMap<>(startAt);
    this.deadLetterTopic = deadLetterTopic;
    this.readLimit = readLimit;
    this.eventTime = eventTime;
    this.idlePartitionTimeout = idlePartitionTimeout;
  }

  /** KafkaIO's read as configured for these lines, on a runner with {@code options}. */
  KafkaIO.Read<byte[], byte[]> kafkaRead(PipelineOptions options) {
    boolean splittable =
        readLimit == Long.MAX_VALUE
            && ExperimentalOptions.hasExperiment(options, KafkaReadMode.SDF_EXPERIMENT);
    Map<String, Object> ours = new HashMap<>();
    // No consumer group, so no committed offsets: auto.offset.reset alone decides (Spark's
    // checkpoint, when it has one, holds the offsets to go on from).
    ours.put(
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        startFrom == StartFrom.LATEST ? "latest" : "earliest");
    // Lines of a transaction that its producer aborted were never part of the input.
    ours.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    if (splittable) {
      // Each call of the splittable read seeks to its restriction's start, which drops what the
      // consumer fetched ahead, so the next poll waits for the fetch already in flight: at the end
      // of the log the broker holds that one for fetch.max.wait.ms (500 by default) before it
      // answers, and the last bundles of a backlog came 0.6-0.8 s apart.
      ours.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) SDF_LONGEST_POLL.toMillis());
    }
    KafkaIO.Read<byte[], byte[]> read =
        KafkaIO.<byte[], byte[]>read()
            .withBootstrapServers(kafka.bootstrapServers())
            .withTopics(topics)
            .withKeyDeserializer(ByteArrayDeserializer.class)
            .withValueDeserializer(ByteArrayDeserializer.class)
            .withConsumerConfigUpdates(kafka.consumerSettings(ours))
            .withConsumerFactoryFn(
                new ConsumerFactory(kafka, startAt, splittable ? SDF_LONGEST_POLL : null));
    if (readLimit != Long.MAX_VALUE) {
      read = read.withMaxNumRecords(readLimit);
    } else if (splittable) {
      // Each call of the splittable read polls until it fills a bundle (100 records on the
      // DirectRunner) or its polling timeout has passed, and what it read goes on only when the
      // call ends: the last lines of a backlog, or a quiet stream's latest, wait for that. KafkaIO
      // takes whole seconds, at least 1 (its default is 2), so the consumer also cuts each poll to
      // SDF_LONGEST_POLL: an empty poll ends the call, and the runner resumes the read at once.
      // The legacy read, Spark's and any bounded one, has no such setting, and KafkaIO refuses it.
      read = read.withConsumerPollingTimeout(SDF_POLL_SECONDS);
    }
    if (eventTime) {
      // The record's own timestamp (CreateTime or LogAppendTime, as the topic keeps it).
      read =
          read.withTimestampPolicyFactory(
              new RecordTimeWatermark(String.join(",", topics), idlePartitionTimeout));
    }
    return read;
  }

  @Override
  public PCollection<Line> expand(PBegin begin) {
    KafkaIO.Read<byte[], byte[]> read = kafkaRead(begin.getPipeline().getOptions());
    // The rejected records are a second output only when they go somewhere. An unused output
    // would cost every line: Spark evaluates each unconsumed output as a job of its own, and
    // caches a multi-output step's elements, encoded, so that its outputs can share them.
    PCollectionTuple decoded =
        begin
            .apply("ReadFromKafka", read)
            .apply(
                "DecodeUtf8",
                ParDo.of(new DecodeLinesFn(deadLetterTopic))
                    .withOutputTags(
                        DecodeLinesFn.LINES,
                        deadLetterTopic == null
                            ? TupleTagList.empty()
                            : TupleTagList.of(DecodeLinesFn.REJECTED)));
    if (deadLetterTopic != null) {
      decoded
          .get(DecodeLinesFn.REJECTED)
          .setCoder(
              ProducerRecordCoder.of(
                  NullableCoder.of(ByteArrayCoder.of()), NullableCoder.of(ByteArrayCoder.of())))
          .apply(
              "WriteDeadLetters",
              KafkaIO.<byte[], byte[]>writeRecords()
                  .withBootstrapServers(kafka.bootstrapServers())
                  .withTopic(deadLetterTopic)
                  .withKeySerializer(ByteArraySerializer.class)
                  .withValueSerializer(ByteArraySerializer.class)
                  .withProducerConfigUpdates(
                      kafka.producerSettings(Map.of(ProducerConfig.ACKS_CONFIG, "all")))
                  .withProducerFactoryFn(new ProducerFactory<>(kafka)));
    }
    return decoded.get(DecodeLinesFn.LINES).setCoder(Line.CODER);
  }
}
