package org.streamcount.pipeline.counts;

import java.nio.file.Path;
import org.streamcount.pipeline.KafkaClientConfig;
import org.streamcount.pipeline.OutputFormat;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command on the counts table takes: where the table is, how its counts are encoded, how
 * to connect. Named like Kafka's own tools.
 */
final class TableOptions {
  @Option(
      names = {"--bootstrap-server", "-b"},
      defaultValue = "127.0.0.1:9092",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrapServer;

  @Option(
      names = {"--topic", "-t"},
      defaultValue = "streams-wordcount-output",
      description = "The counts table: the job's output topic (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--format",
      defaultValue = "long",
      description =
          "How the job encodes counts (its --outputFormat): long, string or json"
              + " (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--command-config",
      paramLabel = "FILE",
      description = "Kafka client properties (security settings).")
  Path commandConfig;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** --format, parsed; a wrong one is a usage error. */
  OutputFormat outputFormat() {
    try {
      return OutputFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          command.commandLine(), e.getMessage().replace("--outputFormat", "--format"));
    }
  }

  /** The clients' settings; an unreadable --command-config is a usage error. */
  KafkaClientConfig client() {
    try {
      return KafkaClientConfig.forTool(bootstrapServer, commandConfig);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
    }
  }
}
