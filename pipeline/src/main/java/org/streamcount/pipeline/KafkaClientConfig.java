package org.streamcount.pipeline;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The one place where the pipeline's Kafka client settings are built: the bootstrap servers, the
 * user's {@code --kafkaConfig} file (security, tuning), and the settings each client role needs.
 *
 * <p>Secrets ({@code sasl.jaas.config}, passwords, keys) are kept apart from the rest: they reach
 * the clients only through {@link #withSecrets}, called when a client is created, so they never
 * appear in KafkaIO's display data, in logs or in exception messages built from these maps.
 */
final class KafkaClientConfig implements Serializable {
  static final String HIDDEN = "[hidden]";

  private final String bootstrapServers;
  private final Map<String, String> settings;
  private final Map<String, String> secrets;

  private KafkaClientConfig(String bootstrapServers, Map<String, String> settings, Map<String, String> secrets) {
    this.bootstrapServers = bootstrapServers;
    this.settings = settings;
    this.secrets = secrets;
  }

  static KafkaClientConfig of(String bootstrapServers) {
    return new KafkaClientConfig(bootstrapServers, Map.of(), Map.of());
  }

  /**
   * @param file a properties file, or null for none
   * @throws IllegalArgumentException with a one-line reason when the file cannot be read
   */
  static KafkaClientConfig load(String bootstrapServers, String file) {
    if (file == null || file.isBlank()) {
      return of(bootstrapServers);
    }
    Path path = Path.of(file);
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException | IllegalArgumentException e) {
      String why = Files.isDirectory(path) ? "it is a directory"
          : !Files.exists(path) ? "no such file" : e.getClass().getSimpleName() + ": " + e.getMessage();
      throw new IllegalArgumentException("cannot read --kafkaConfig " + file + ": " + why);
    }
    Map<String, String> settings = new HashMap<>();
    Map<String, String> secrets = new HashMap<>();
    for (String key : props.stringPropertyNames()) {
      String value = props.getProperty(key).trim();
      (isSecret(key) ? secrets : settings).put(key, value);
    }
    // The file may name the servers too; the command line wins, as in Kafka's own tools.
    settings.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    return new KafkaClientConfig(bootstrapServers, Map.copyOf(settings), Map.copyOf(secrets));
  }

  static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("token")
        || k.contains("credential") || k.endsWith(".key") || k.endsWith("keystore.certificate.chain")
        || k.contains("user.info");
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  String securityProtocol() {
    return settings.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
  }

  /** Non-secret settings for a consumer, ours first so that the user's file can tune them. */
  Map<String, Object> consumer(Map<String, Object> ours) {
    Map<String, Object> config = new HashMap<>(ours);
    config.putAll(settings);
    return config;
  }

  /** Non-secret settings for a producer, ours first so that the user's file can tune them. */
  Map<String, Object> producer(Map<String, Object> ours) {
    return consumer(ours);
  }

  /** Complete settings (secrets included) for an admin client made on this machine. */
  Properties admin() {
    Properties p = new Properties();
    p.putAll(settings);
    p.putAll(secrets);
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return p;
  }

  /** {@code config} plus the secrets: call only where the client is constructed. */
  Map<String, Object> withSecrets(Map<String, Object> config) {
    if (secrets.isEmpty()) {
      return config;
    }
    Map<String, Object> full = new HashMap<>(config);
    full.putAll(secrets);
    return full;
  }

  /** For logs: every setting, secrets masked. */
  String describe() {
    Map<String, String> shown = new TreeMap<>(settings);
    secrets.keySet().forEach(k -> shown.put(k, HIDDEN));
    return shown.isEmpty() ? "(defaults)" : shown.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return "KafkaClientConfig{" + bootstrapServers + ", " + describe() + "}";
  }
}
