package org.streamcount.pipeline.launch;

import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;
import org.streamcount.pipeline.KafkaReadMode;
import org.streamcount.pipeline.OutputFormat;
import org.streamcount.pipeline.StartFrom;

/**
 * Everything a user can set, each with a default and a description ({@code
 * --help=StreamCountOptions} lists them). Checked as a whole by {@link StreamCountOptionsValidator}
 * before anything starts.
 */
public interface StreamCountOptions extends PipelineOptions, StreamingOptions {

  @Description("Kafka bootstrap servers, host:port[,host:port...]")
  @Default.String("127.0.0.1:9092")
  String getBootstrapServers();

  void setBootstrapServers(String value);

  @Description(
      "Topics to read lines from (comma-separated or repeated). Lines are record values, UTF-8.")
  @Default.InstanceFactory(DefaultInputTopics.class)
  List<String> getInputTopics();

  void setInputTopics(List<String> value);

  @Description("Topic to write word -> running count to. Created log-compacted if missing.")
  @Default.String("streams-wordcount-output")
  String getOutputTopic();

  void setOutputTopic(String value);

  @Description(
      "Names this job's progress records in <outputTopic>-progress, which say up to where the table"
          + " holds every input line (default: the output topic). A start refuses a table whose"
          + " progress names another job. (Beam's --jobName is made anew for every run, so it"
          + " cannot name what must outlive one.)")
  String getTableJob();

  void setTableJob(String value);

  @Description(
      "How lines become words: words (Unicode letters and digits, lower case), kafka-demo "
          + "(Kafka Streams' WordCountDemo, quirks included) or split:<regex> (Spark SQL's split).")
  @Default.String("words")
  String getTokenizer();

  void setTokenizer(String value);

  @Description(
      "Emit updated counts this long after the first new word of a pane (processing time), "
          + "e.g. 1s, 250ms; 0s emits in the bundle (on Spark: the micro-batch) that read them "
          + "(the Spark profiles' and --runner=SparkRunner's default).")
  @Default.String("500ms")
  String getTriggerDelay();

  void setTriggerDelay(String value);

  @Description(
      "Also emit as soon as this many new words of one key (word or shard) arrived, whichever comes first (optional).")
  Long getTriggerEveryElements();

  void setTriggerEveryElements(Long value);

  @Description(
      "Keys of the count: 0 keys it by word; N > 0 by N shards of words. A runner that pays per key "
          + "and firing (the DirectRunner) wants a few shards; a cluster wants at least as many as it has cores. "
          + "bin/streamcount and mvn exec:java default to 4 on the DirectRunner and 16 on the SparkRunner.")
  @Default.Integer(0)
  int getCountShards();

  void setCountShards(int value);

  @Description(
      "What a start does with the table the output topic holds: resume (default: continue it, "
          + "recounting the retained input and publishing only higher totals; refused if the input lost lines the "
          + "table counts), latest (continue it with only the lines that arrive from now on) or earliest (recount "
          + "the retained input into an empty table: see --resetTable).")
  @Default.Enum("RESUME")
  StartFrom getStartFrom();

  void setStartFrom(StartFrom value);

  @Description(
      "KafkaIO's reader: auto (sdf on the DirectRunner, legacy elsewhere), legacy "
          + "(UnboundedSource, the one the SparkRunner translates) or sdf (splittable DoFn).")
  @Default.Enum("AUTO")
  KafkaReadMode getKafkaRead();

  void setKafkaRead(KafkaReadMode value);

  @Description(
      "With --startFrom=earliest: first delete every word of the output topic's table (a "
          + "tombstone per word), then recount the retained input into it. Consumers of the table see the words "
          + "disappear, then their recounted totals.")
  @Default.Boolean(false)
  boolean getResetTable();

  void setResetTable(boolean value);

  @Description(
      "A Kafka client properties file (security.protocol, sasl.*, ssl.*, tuning) applied to "
          + "every consumer, producer and admin client the pipeline makes.")
  String getKafkaConfig();

  void setKafkaConfig(String value);

  @Description(
      "More --kafkaConfig settings to treat as secrets, comma-separated (e.g. a custom login "
          + "callback's token setting): kept out of logs, the job graph and checkpoints, read from the file by each "
          + "client, like the settings recognised by name (password, secret, token, credential, jaas, key, user.info).")
  List<String> getMaskSettings();

  void setMaskSettings(List<String> value);

  @Description(
      "Count per window of event time (each Kafka record's timestamp): global (all time), fixed:<size> "
          + "(e.g. fixed:1m) or sliding:<size>,<period> (e.g. sliding:10m,1m). A windowed table's key is "
          + "word@window-start (kafka@2019-10-01T09:00:00Z). A window closes once the watermark (the latest "
          + "record timestamp read) is --allowedLateness past its end: its last counts go out once more, marked final.")
  @Default.String("global")
  String getWindow();

  void setWindow(String value);

  @Description(
      "With --window: how far the watermark (the latest record timestamp read) may be past a window's end "
          + "and its words still count (e.g. 0s, 30s, 10m). Words of a window that has closed are dropped and "
          + "counted (late-words-dropped, shown on the status line). Set it to how late your records come.")
  @Default.String("1m")
  String getAllowedLateness();

  void setAllowedLateness(String value);

  @Description(
      "With --window on the DirectRunner: how long a partition with nothing to read may hold the watermark "
          + "back; after that it follows the latest record timestamp read from the other partitions. (On Spark "
          + "the time is the latest of all partitions': no partition holds windows open.)")
  @Default.String("30s")
  String getIdlePartitionTimeout();

  void setIdlePartitionTimeout(String value);

  @Description(
      "How long a windowed output topic keeps a window's counts (it is created with cleanup.policy=compact,delete "
          + "and this retention.ms).")
  @Default.String("7d")
  String getWindowRetention();

  void setWindowRetention(String value);

  @Description(
      "Output value encoding: long (8-byte big-endian, Kafka's LongSerializer), string "
          + "(decimal text) or json ({\"word\":...,\"count\":...}).")
  @Default.Enum("LONG")
  OutputFormat getOutputFormat();

  void setOutputFormat(OutputFormat value);

  @Description(
      "Write to an existing output topic even when it is not compacted or has fewer partitions "
          + "than --outputPartitions (refused otherwise).")
  @Default.Boolean(false)
  boolean getAllowOutputTopicAsIs();

  void setAllowOutputTopicAsIs(boolean value);

  @Description("Partitions of the output topic when it has to be created.")
  @Default.Integer(1)
  int getOutputPartitions();

  void setOutputPartitions(int value);

  @Description("Create missing input topics (one partition each) instead of waiting for them.")
  @Default.Boolean(false)
  boolean getCreateInputTopics();

  void setCreateInputTopics(boolean value);

  @Description(
      "How long to wait at start for the broker to answer and for the input topics to "
          + "exist, e.g. 30s. After that the job exits with a clear message.")
  @Default.String("30s")
  String getKafkaWait();

  void setKafkaWait(String value);

  @Description(
      "How long Kafka may stay unreachable while the job runs (broker restarts, network "
          + "trouble) before the job gives up with exit code 3, e.g. 2m.")
  @Default.String("2m")
  String getKafkaOutageLimit();

  void setKafkaOutageLimit(String value);

  @Description(
      "On a Spark cluster: how long the job may have no executor at all (the cluster stopped or "
          + "unreachable) before it gives up with exit code 1, e.g. 2m. Spark alone would wait "
          + "for it without end.")
  @Default.String("2m")
  String getClusterOutageLimit();

  void setClusterOutageLimit(String value);

  @Description(
      "Consumer group the job commits its read positions to, so that kafka-consumer-groups and other lag tools "
          + "show its lag (default: streamcount-<outputTopic>; empty for none). The job never reads from it: "
          + "--startFrom decides where it reads.")
  String getConsumerGroup();

  void setConsumerGroup(String value);

  @Description(
      "Also write every skipped input record (null or not UTF-8) to this topic, unchanged, "
          + "with its origin in headers. Off by default: skipped records are only counted.")
  String getDeadLetterTopic();

  void setDeadLetterTopic(String value);

  @Description(
      "Words longer than this many characters are counted as skipped, not as words, so "
          + "that a hostile line cannot produce an output record the broker refuses.")
  @Default.Integer(1000)
  int getMaxWordLength();

  void setMaxWordLength(int value);

  @Description(
      "How often to print the one-line status (lines, words, distinct words, updates, "
          + "skipped), e.g. 10s; 0s turns it off.")
  @Default.String("10s")
  String getStatusInterval();

  void setStatusInterval(String value);

  /**
   * Kafka Streams' WordCountDemo reads this topic: the same default lets users swap one for the
   * other.
   */
  class DefaultInputTopics implements DefaultValueFactory<List<String>> {
    @Override
    public List<String> create(PipelineOptions options) {
      return List.of("streams-plaintext-input");
    }
  }

  @Description(
      "SparkRunner: start Spark's web UI (port 4040 on, no authentication). It binds where "
          + "SPARK_LOCAL_IP says (bin/streamcount sets 127.0.0.1), on every interface without it.")
  @Default.Boolean(false)
  boolean getSparkUi();

  void setSparkUi(boolean value);

  @Description("Log at INFO level (Beam, Kafka clients, runner) instead of warnings only.")
  @Default.Boolean(false)
  boolean getVerbose();

  void setVerbose(boolean value);
}
