package org.streamcount.replayer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
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
      if (!Files.isRegularFile(commandConfig) || !Files.isReadable(commandConfig)) {
        throw new ReplayException(
            ExitCodes.BAD_INPUT,
            "cannot read --command-config "
                + commandConfig
                + (Files.isDirectory(commandConfig)
                    ? ": it is a directory"
                    : ": no such readable file"));
      }
      try (Reader in = Files.newBufferedReader(commandConfig, StandardCharsets.UTF_8)) {
        props.load(in);
      } catch (IOException | IllegalArgumentException e) {
        throw new ReplayException(
            ExitCodes.BAD_INPUT,
            "cannot read --command-config " + commandConfig + ": " + e.getMessage());
      }
    }
    props.setProperty("bootstrap.servers", bootstrapServer);
    return props;
  }
}
