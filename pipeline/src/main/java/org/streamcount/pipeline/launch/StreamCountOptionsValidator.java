package org.streamcount.pipeline.launch;

import java.time.Duration;
import java.util.List;
import org.streamcount.pipeline.EventTimeWindows;
import org.streamcount.pipeline.JobConfig;
import org.streamcount.pipeline.KafkaReadMode;
import org.streamcount.pipeline.StartFrom;
import org.streamcount.pipeline.Tokenizer;
import org.streamcount.pipeline.WindowClosing;

/**
 * Checks the options as a whole before anything starts, so that every mistake is one clear line and
 * a non-zero exit, never a stack trace from deep inside a runner.
 */
final class StreamCountOptionsValidator {
  private StreamCountOptionsValidator() {}

  /**
   * @return the launch, parsed: nothing later reads a string option again
   * @throws IllegalArgumentException naming the option and what is wrong with it
   */
  static LaunchConfig validate(StreamCountOptions o) {
    if (o.getBootstrapServers() == null || o.getBootstrapServers().isBlank()) {
      throw new IllegalArgumentException(
          "--bootstrapServers is empty: give host:port of a Kafka broker");
    }
    List<String> inputs = o.getInputTopics();
    if (inputs == null
        || inputs.isEmpty()
        || inputs.stream().anyMatch(t -> t == null || t.isBlank())) {
      throw new IllegalArgumentException("--inputTopics is empty: name at least one topic to read");
    }
    for (String topic : inputs) {
      checkTopicName("--inputTopics", topic);
    }
    if (new java.util.HashSet<>(inputs).size() < inputs.size()) {
      throw new IllegalArgumentException(
          "--inputTopics names a topic twice ("
              + String.join(",", inputs)
              + "): its lines would be counted twice");
    }
    checkTopicName("--outputTopic", o.getOutputTopic());
    if (inputs.contains(o.getOutputTopic())) {
      throw new IllegalArgumentException(
          "--outputTopic "
              + o.getOutputTopic()
              + " is also an input topic: the job would count its own output");
    }
    Tokenizer tokenizer = Tokenizer.parse(o.getTokenizer());
    if (o.getKafkaRead() == KafkaReadMode.SDF && !StreamCount.isDirectRunner(o)) {
      throw new IllegalArgumentException(
          "--kafkaRead=sdf works on the DirectRunner only (the "
              + o.getRunner().getSimpleName()
              + " cannot translate KafkaIO's splittable-DoFn read)");
    }
    Duration triggerDelay = DurationOption.parse("triggerDelay", o.getTriggerDelay());
    if (o.getTriggerEveryElements() != null
        && (o.getTriggerEveryElements() < 1 || o.getTriggerEveryElements() > Integer.MAX_VALUE)) {
      throw new IllegalArgumentException(
          "--triggerEveryElements must be between 1 and "
              + Integer.MAX_VALUE
              + ", got "
              + o.getTriggerEveryElements());
    }
    if (o.getCountShards() < 0) {
      throw new IllegalArgumentException(
          "--countShards must be 0 (one key per word) or more, got " + o.getCountShards());
    }
    if (o.getResetTable() && o.getStartFrom() != StartFrom.EARLIEST) {
      throw new IllegalArgumentException(
          "--resetTable empties the table for a recount: it goes with --startFrom=earliest only");
    }
    if (o.getOutputPartitions() < 1) {
      throw new IllegalArgumentException(
          "--outputPartitions must be at least 1, got " + o.getOutputPartitions());
    }
    if (o.getMaxWordLength() < 1) {
      throw new IllegalArgumentException(
          "--maxWordLength must be at least 1, got " + o.getMaxWordLength());
    }
    Duration wait = DurationOption.parse("kafkaWait", o.getKafkaWait());
    if (wait.isZero()) {
      throw new IllegalArgumentException("--kafkaWait must be more than 0s");
    }
    Duration statusInterval = DurationOption.parse("statusInterval", o.getStatusInterval());
    Duration outageLimit = DurationOption.parse("kafkaOutageLimit", o.getKafkaOutageLimit());
    if (outageLimit.compareTo(Duration.ofSeconds(5)) < 0) {
      throw new IllegalArgumentException(
          "--kafkaOutageLimit must be at least 5s, got " + o.getKafkaOutageLimit());
    }
    Duration clusterOutageLimit =
        DurationOption.parse("clusterOutageLimit", o.getClusterOutageLimit());
    if (o.getDeadLetterTopic() != null) {
      checkTopicName("--deadLetterTopic", o.getDeadLetterTopic());
      if (o.getDeadLetterTopic().equals(o.getOutputTopic())
          || inputs.contains(o.getDeadLetterTopic())) {
        throw new IllegalArgumentException(
            "--deadLetterTopic must differ from the input and output topics");
      }
    }
    EventTimeWindows windows = WindowOption.parse(o.getWindow());
    boolean sparkRunner = StreamCount.isSparkRunner(o);
    if (sparkRunner && !windows.isGlobal() && o.getCountShards() == 0) {
      // keyed by word, a key would hear the stream time only when its word comes again
      throw new IllegalArgumentException(
          "--window on Spark closes windows by the latest record time, which only shards hear:"
              + " --countShards must be 1 or more (Spark's default is 16), got 0");
    }
    Duration windowRetention = DurationOption.parse("windowRetention", o.getWindowRetention());
    Duration allowedLateness = DurationOption.parse("allowedLateness", o.getAllowedLateness());
    Duration idlePartitionTimeout =
        DurationOption.parse("idlePartitionTimeout", o.getIdlePartitionTimeout());
    JobConfig job =
        JobConfig.reading(inputs, o.getOutputTopic())
            .startFrom(o.getStartFrom())
            .deadLetterTopic(o.getDeadLetterTopic())
            .tokenizer(tokenizer)
            .maxWordLength(o.getMaxWordLength())
            .trigger(triggerDelay, o.getTriggerEveryElements())
            .countShards(o.getCountShards())
            .windows(windows)
            .allowedLateness(allowedLateness)
            // Spark streaming has no event-time timers, but counts micro-batches in order
            .windowClosing(sparkRunner ? WindowClosing.STREAM_TIME : WindowClosing.WATERMARK)
            .idlePartitionTimeout(idlePartitionTimeout)
            .outputFormat(o.getOutputFormat())
            .outageLimit(outageLimit)
            .jobName(o.getTableJob() == null || o.getTableJob().isBlank() ? null : o.getTableJob())
            .build();
    return new LaunchConfig(
        job,
        JobClientConfig.of(o),
        wait,
        statusInterval,
        clusterOutageLimit,
        o.getCreateInputTopics(),
        o.getOutputPartitions(),
        o.getAllowOutputTopicAsIs(),
        o.getResetTable(),
        consumerGroup(o),
        windowRetention);
  }

  /** {@code streamcount-<outputTopic>} unless named; empty: none. */
  private static String consumerGroup(StreamCountOptions o) {
    String group = o.getConsumerGroup();
    if (group == null) {
      return "streamcount-" + o.getOutputTopic();
    }
    return group.isBlank() ? null : group.strip();
  }

  /** Kafka's own rule: 1 to 249 of [a-zA-Z0-9._-]. */
  private static void checkTopicName(String option, String topic) {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException(option + " is empty");
    }
    if (topic.length() > 249
        || !topic.matches("[a-zA-Z0-9._-]+")
        || topic.equals(".")
        || topic.equals("..")) {
      throw new IllegalArgumentException(
          option
              + " '"
              + topic
              + "' is not a valid Kafka topic name (1-249 of a-z, A-Z, 0-9, '.', '_', '-')");
    }
  }
}
