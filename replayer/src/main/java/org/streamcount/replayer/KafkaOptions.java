package org.streamcount.replayer;

import java.nio.file.Path;
import java.util.Properties;
import org.streamcount.kafka.ClientProperties;
import org.streamcount.kafka.ExitCode;
import picocli.CommandLine.Option;

/** Where and how to produce: named like Kafka's own command-line tools. */
final class KafkaOptions {
  @Option(
      names = {"--bootstrap-server", "-b"},
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:9092",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrapServer;

  @Option(
      names = {"--topic", "-t"},
      required = true,
      paramLabel = "TOPIC",
      description = "Topic to write to.")
  String topic;

  @Option(
      names = "--partitions",
      defaultValue = "1",
      paramLabel = "N",
      description = "Partitions of the topic if it has to be created (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--command-config",
      paramLabel = "FILE",
      description =
          "Kafka client properties (security.protocol, sasl.*, ssl.*, tuning), as Kafka's tools take them.")
  Path commandConfig;

  @Option(
      names = "--timeout",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description =
          "Give up when the broker does not answer or acknowledge for this long (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  long timeoutMillis() {
    return Math.max(1_000, Math.round(timeoutSeconds * 1000));
  }

  /** The user's --command-config, loaded; the servers given here win over the file's. */
  Properties clientProperties() {
    Properties props = new Properties();
    if (commandConfig != null) {
      try {
        props = ClientProperties.load(commandConfig, "--command-config");
      } catch (IllegalArgumentException e) {
        throw new ReplayException(ExitCode.BAD_INPUT, e.getMessage());
      }
    }
    props.setProperty("bootstrap.servers", bootstrapServer);
    return props;
  }
}
