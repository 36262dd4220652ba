package org.streamcount.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.streamcount.kafka.ClientProperties;

/**
 * The one place where the pipeline's Kafka client settings are built: the bootstrap servers, the
 * user's {@code --kafkaConfig} file (security, tuning), and the settings each client role needs.
 *
 * <p>Secrets ({@code sasl.jaas.config}, passwords, keys) are kept apart from the rest: they reach
 * the clients only through {@link #withSecrets}, called when a client is created, so they never
 * appear in KafkaIO's display data, in logs or in exception messages built from these maps. Nor are
 * they serialized: on Spark this object travels in the job graph to every executor and into the
 * checkpoint directory, so it carries only the file's path and the secrets' names, and each client
 * reads the secrets from the file when it is made. A rotated password is picked up by the next
 * client, and a checkpoint never holds one. On a cluster the file must be at the same path on every
 * node (shared storage), or in the executor's working directory under its own name ({@code
 * spark-submit --files} on YARN).
 */
public final class KafkaClientConfig implements KafkaClients {
  static final String HIDDEN = "[hidden]";

  private final String bootstrapServers;
  private final Map<String, String> settings;

  /** The client properties file, or null for none. */
  private final String file;

  /** The option that named {@link #file} (--kafkaConfig, --command-config), for messages. */
  private final String option;

  private final java.util.Set<String> secretKeys;

  private KafkaClientConfig(
      String bootstrapServers,
      Map<String, String> settings,
      String file,
      String option,
      java.util.Set<String> secretKeys) {
    this.bootstrapServers = bootstrapServers;
    this.settings = settings;
    this.file = file;
    this.option = option;
    this.secretKeys = secretKeys;
  }

  /**
   * A setting the guarantees rely on: the values a file may give it (none: the job sets it itself).
   */
  private record Guarded(java.util.Set<String> allowed, String why) {}

  private static final Map<String, Guarded> GUARDED =
      Map.of(
          "acks",
              new Guarded(
                  java.util.Set.of("all", "-1"),
                  "a total acknowledged by one broker only can be lost"),
          "enable.idempotence",
              new Guarded(
                  java.util.Set.of("true"),
                  "a retried send could write a total twice or out of order"),
          "isolation.level",
              new Guarded(
                  java.util.Set.of("read_committed"),
                  "lines of aborted transactions would be counted"),
          "auto.offset.reset",
              new Guarded(java.util.Set.of(), "--startFrom decides where reading starts"),
          "key.serializer",
              new Guarded(java.util.Set.of(), "the output format needs the job's own serializers"),
          "value.serializer",
              new Guarded(java.util.Set.of(), "the output format needs the job's own serializers"),
          "key.deserializer", new Guarded(java.util.Set.of(), "the job reads lines as bytes"),
          "value.deserializer", new Guarded(java.util.Set.of(), "the job reads lines as bytes"));

  static KafkaClientConfig of(String bootstrapServers) {
    return new KafkaClientConfig(bootstrapServers, Map.of(), null, null, java.util.Set.of());
  }

  /**
   * @param file a properties file, or null for none
   * @throws IllegalArgumentException with a one-line reason when the file cannot be read
   */
  static KafkaClientConfig load(String bootstrapServers, String file) {
    return load(bootstrapServers, file, Set.of());
  }

  /**
   * @param masked settings to keep secret besides those {@link ClientProperties#isSecret}
   *     recognises by name
   * @throws IllegalArgumentException with a one-line reason when the file cannot be read
   */
  public static KafkaClientConfig load(String bootstrapServers, String file, Set<String> masked) {
    return load(bootstrapServers, file, masked, "--kafkaConfig");
  }

  /**
   * The clients of a console tool ({@code bin/counts}, {@code bin/counts verify}): the file is its
   * {@code --command-config}, as Kafka's own tools name it.
   *
   * @param commandConfig a properties file, or null for none
   * @throws IllegalArgumentException with a one-line reason when the file cannot be read
   */
  public static KafkaClientConfig forTool(String bootstrapServers, Path commandConfig) {
    return load(
        bootstrapServers,
        commandConfig == null ? null : commandConfig.toString(),
        Set.of(),
        "--command-config");
  }

  private static KafkaClientConfig load(
      String bootstrapServers, String file, Set<String> masked, String option) {
    if (file == null || file.isBlank()) {
      return of(bootstrapServers);
    }
    Path path = Path.of(file).toAbsolutePath();
    Properties props = ClientProperties.load(path, option);
    for (String key : new java.util.TreeSet<>(props.stringPropertyNames())) {
      Guarded guarded = GUARDED.get(key);
      String value = props.getProperty(key).trim();
      if (guarded != null && !guarded.allowed().contains(value.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            option
                + " "
                + file
                + " sets "
                + key
                + "="
                + value
                + ": refused, "
                + guarded.why()
                + (guarded.allowed().isEmpty()
                    ? "; remove it"
                    : "; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(guarded.allowed()))));
      }
    }
    Map<String, String> settings = new HashMap<>();
    for (String key : props.stringPropertyNames()) {
      if (!ClientProperties.isSecret(key) && !masked.contains(key)) {
        settings.put(key, props.getProperty(key).trim());
      }
    }
    // The file may name the servers too; the command line wins, as in Kafka's own tools.
    settings.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    java.util.Set<String> secretKeys =
        props.stringPropertyNames().stream()
            .filter(key -> ClientProperties.isSecret(key) || masked.contains(key))
            .collect(Collectors.toUnmodifiableSet());
    return new KafkaClientConfig(
        bootstrapServers, Map.copyOf(settings), path.toString(), option, secretKeys);
  }

  /** The secrets as the file holds them now. */
  private Map<String, String> secrets() {
    if (secretKeys.isEmpty()) {
      return Map.of();
    }
    Path path = Path.of(file);
    if (!Files.isReadable(path) && Files.isReadable(path.getFileName())) {
      path = path.getFileName(); // shipped to the working directory (spark-submit --files)
    }
    Properties props;
    try {
      props = ClientProperties.load(path, option);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          e.getMessage()
              + " (on this worker: put it at the same path on every node,"
              + " or ship it with spark-submit --files)",
          e);
    }
    Map<String, String> secrets = new HashMap<>();
    for (String key : props.stringPropertyNames()) {
      if (ClientProperties.isSecret(key) || secretKeys.contains(key)) {
        secrets.put(key, props.getProperty(key).trim());
      }
    }
    return secrets;
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String securityProtocol() {
    return settings.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
  }

  /** Ours first, so that the user's file can tune them; its secrets are left out. */
  @Override
  public Map<String, Object> consumerSettings(Map<String, Object> ours) {
    Map<String, Object> config = new HashMap<>(ours);
    config.putAll(settings);
    return config;
  }

  /** Ours first, so that the user's file can tune them; its secrets are left out. */
  @Override
  public Map<String, Object> producerSettings(Map<String, Object> ours) {
    return consumerSettings(ours);
  }

  @Override
  public Consumer<byte[], byte[]> newConsumer(
      Map<String, Object> settings, Map<String, Long> startAt, Duration longestPoll) {
    if (startAt.isEmpty() && longestPoll == null) {
      return new KafkaConsumer<>(withSecrets(settings));
    }
    return new ReadConsumer(withSecrets(settings), startAt, longestPoll);
  }

  @Override
  public <K, V> Producer<K, V> newProducer(Map<String, Object> settings) {
    return new KafkaProducer<>(withSecrets(settings));
  }

  @Override
  public Map<String, Long> readTable(String topic, OutputFormat format, Duration timeout) {
    return PublishedTotals.load(this, topic, format, timeout);
  }

  /**
   * A consumer that reads topics on its own, outside the pipeline (the table when a job starts,
   * where the input begins): the user's settings and secrets, no group, no commits, and it never
   * creates the topic it asks about.
   */
  public KafkaConsumer<byte[], byte[]> standaloneConsumer() {
    Map<String, Object> config = new HashMap<>(withSecrets(consumerSettings(Map.of())));
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    // lines of an aborted transaction were never input: the job reads read_committed too
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Complete settings (secrets included) for an admin client made on this machine. */
  public Properties admin() {
    Properties p = new Properties();
    p.putAll(settings);
    p.putAll(secrets());
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return p;
  }

  /** {@code config} plus the secrets: call only where the client is constructed. */
  public Map<String, Object> withSecrets(Map<String, Object> config) {
    if (secretKeys.isEmpty()) {
      return config;
    }
    Map<String, Object> full = new HashMap<>(config);
    full.putAll(secrets());
    return full;
  }

  /** For logs: every setting, secrets masked. */
  public String describe() {
    Map<String, String> shown = new TreeMap<>(settings);
    secretKeys.forEach(k -> shown.put(k, HIDDEN));
    return shown.isEmpty()
        ? "(defaults)"
        : shown.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return "KafkaClientConfig{" + bootstrapServers + ", " + describe() + "}";
  }
}
