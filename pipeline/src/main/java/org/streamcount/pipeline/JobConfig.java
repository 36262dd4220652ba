package org.streamcount.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the counting job is, checked once where it is launched and immutable from there: the
 * topology ({@link CountingTopology}) is built from this and from {@link KafkaClients}, never from
 * the command line's options.
 *
 * @param deadLetterTopic where skipped records go, or null to only count them
 * @param triggerEveryElements also fire once this many new words arrived for a key; null for time
 *     only
 * @param countShards 0: counts keyed by word; more: keyed by that many shards of words
 * @param windows the windows of event time words are counted in (global: all time)
 * @param allowedLateness windows only: how far the watermark (the latest record timestamp read) may
 *     be past a window's end and its words still count
 * @param windowClosing windows only: what closes them, by runner (see {@link WindowClosing})
 * @param idlePartitionTimeout windows only: how long a partition with nothing to read may hold the
 *     watermark back
 * @param outageLimit how long a send may wait for an unreachable broker before the job fails
 * @param jobName names the job's progress records (see {@link #progressTopic()}); by default the
 *     output topic
 * @param readLimit read this many records and end (the global window then closes and fires its last
 *     pane): a bounded run, for the in-memory tests; {@link Long#MAX_VALUE} for a streaming job
 */
public record JobConfig(
    List<String> inputTopics,
    StartFrom startFrom,
    String deadLetterTopic,
    Tokenizer tokenizer,
    int maxWordLength,
    Duration triggerDelay,
    Long triggerEveryElements,
    int countShards,
    EventTimeWindows windows,
    Duration allowedLateness,
    WindowClosing windowClosing,
    Duration idlePartitionTimeout,
    String outputTopic,
    OutputFormat outputFormat,
    Duration outageLimit,
    String jobName,
    long readLimit) {

  public JobConfig {
    Objects.requireNonNull(jobName, "jobName");
    inputTopics = List.copyOf(inputTopics);
    Objects.requireNonNull(startFrom, "startFrom");
    Objects.requireNonNull(tokenizer, "tokenizer");
    Objects.requireNonNull(triggerDelay, "triggerDelay");
    Objects.requireNonNull(windows, "windows");
    Objects.requireNonNull(allowedLateness, "allowedLateness");
    Objects.requireNonNull(windowClosing, "windowClosing");
    Objects.requireNonNull(idlePartitionTimeout, "idlePartitionTimeout");
    Objects.requireNonNull(outputTopic, "outputTopic");
    Objects.requireNonNull(outputFormat, "outputFormat");
    Objects.requireNonNull(outageLimit, "outageLimit");
    if (inputTopics.isEmpty() || maxWordLength < 1 || countShards < 0 || readLimit < 1) {
      throw new IllegalArgumentException("not a valid job: " + this);
    }
    if (!windows.isGlobal() && triggerEveryElements != null) {
      throw new IllegalArgumentException(
          "--triggerEveryElements counts words one by one, outside windows: it cannot be used with --window="
              + windows);
    }
    if (allowedLateness.isNegative()) {
      throw new IllegalArgumentException("--allowedLateness must not be negative");
    }
  }

  /**
   * Whether the job publishes each total with the lines it counts, so that the output topic alone
   * is its state (see {@link StartPoint}): in the global window, counted in shards (a shard hears
   * of every line; a word's own key only of its lines), with a trigger by time (an element-count
   * trigger counts words one by one, without their lines).
   */
  public boolean tracksCoverage() {
    return windows.isGlobal() && countShards > 0 && triggerEveryElements == null;
  }

  /**
   * Where a job that tracks coverage publishes each shard's progress: the output topic's name with
   * {@code -progress}, compacted, keyed {@code job/shards/shard}.
   */
  public String progressTopic() {
    return outputTopic + "-progress";
  }

  /**
   * The defaults of {@code bin/streamcount}, reading {@code inputTopics} into {@code outputTopic}.
   */
  public static Builder reading(List<String> inputTopics, String outputTopic) {
    return new Builder(inputTopics, outputTopic);
  }

  /** A job built step by step; unset parts keep the defaults of {@code bin/streamcount}. */
  public static final class Builder {
    private final List<String> inputTopics;
    private final String outputTopic;
    private StartFrom startFrom = StartFrom.RESUME;
    private String deadLetterTopic;
    private Tokenizer tokenizer = new WordsTokenizer();
    private int maxWordLength = 1_000;
    private Duration triggerDelay = Duration.ofMillis(500);
    private Long triggerEveryElements;
    private int countShards;
    private EventTimeWindows windows = EventTimeWindows.global();
    private Duration allowedLateness = Duration.ofMinutes(1);
    private WindowClosing windowClosing = WindowClosing.WATERMARK;
    private Duration idlePartitionTimeout = Duration.ofSeconds(30);
    private OutputFormat outputFormat = OutputFormat.LONG;
    private Duration outageLimit = Duration.ofMinutes(2);
    private long readLimit = Long.MAX_VALUE;
    private String jobName;

    private Builder(List<String> inputTopics, String outputTopic) {
      this.inputTopics = inputTopics;
      this.outputTopic = outputTopic;
    }

    public Builder startFrom(StartFrom startFrom) {
      this.startFrom = startFrom;
      return this;
    }

    public Builder deadLetterTopic(String deadLetterTopic) {
      this.deadLetterTopic = deadLetterTopic;
      return this;
    }

    public Builder tokenizer(Tokenizer tokenizer) {
      this.tokenizer = tokenizer;
      return this;
    }

    public Builder maxWordLength(int maxWordLength) {
      this.maxWordLength = maxWordLength;
      return this;
    }

    public Builder trigger(Duration delay, Long everyElements) {
      this.triggerDelay = delay;
      this.triggerEveryElements = everyElements;
      return this;
    }

    public Builder countShards(int countShards) {
      this.countShards = countShards;
      return this;
    }

    public Builder windows(EventTimeWindows windows) {
      this.windows = windows;
      return this;
    }

    public Builder allowedLateness(Duration allowedLateness) {
      this.allowedLateness = allowedLateness;
      return this;
    }

    public Builder windowClosing(WindowClosing windowClosing) {
      this.windowClosing = windowClosing;
      return this;
    }

    public Builder idlePartitionTimeout(Duration idlePartitionTimeout) {
      this.idlePartitionTimeout = idlePartitionTimeout;
      return this;
    }

    public Builder outputFormat(OutputFormat outputFormat) {
      this.outputFormat = outputFormat;
      return this;
    }

    public Builder outageLimit(Duration outageLimit) {
      this.outageLimit = outageLimit;
      return this;
    }

    public Builder jobName(String jobName) {
      this.jobName = jobName;
      return this;
    }

    public Builder readLimit(long readLimit) {
      this.readLimit = readLimit;
      return this;
    }

    public JobConfig build() {
      return new JobConfig(
          inputTopics,
          startFrom,
          deadLetterTopic,
          tokenizer,
          maxWordLength,
          triggerDelay,
          triggerEveryElements,
          countShards,
          windows,
          allowedLateness,
          windowClosing,
          idlePartitionTimeout,
          outputTopic,
          outputFormat,
          outageLimit,
          jobName == null ? outputTopic : jobName,
          readLimit);
    }
  }
}
