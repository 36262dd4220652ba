package org.streamcount.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The seed's listener, in Java: Spark Structured Streaming 3.5, local[2], Kafka sink (see {@link
 * StructuredWordCount}). Tuned: shuffle partitions = cores, complete mode; as the seed ran it:
 * Spark's default 200 shuffle partitions; and update mode, which writes only changed rows.
 */
final class StructuredStreamingSystem extends SystemUnderTest {
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  private final String name;
  private final int shufflePartitions;
  private final String outputMode;
  private final int windowMinutes;

  private StructuredStreamingSystem(
      String name, int shufflePartitions, String outputMode, int windowMinutes) {
    this.name = name;
    this.shufflePartitions = shufflePartitions;
    this.outputMode = outputMode;
    this.windowMinutes = windowMinutes;
  }

  /** The same query grouped by {@code window(timestamp, N minutes)} as well (0: all time). */
  StructuredStreamingSystem inWindows(int minutes) {
    return new StructuredStreamingSystem(name, shufflePartitions, outputMode, minutes);
  }

  static StructuredStreamingSystem tuned() {
    return new StructuredStreamingSystem(
        "structured-streaming-tuned", Math.max(2, CORES), "complete", 0);
  }

  static StructuredStreamingSystem asShipped() {
    return new StructuredStreamingSystem("structured-streaming-200-partitions", 200, "complete", 0);
  }

  static StructuredStreamingSystem updateMode() {
    return new StructuredStreamingSystem(
        "structured-streaming-update", Math.max(2, CORES), "update", 0);
  }

  @Override
  boolean createsItsOutputTopic() {
    return false;
  }

  @Override
  String name() {
    return name;
  }

  @Override
  OutputWatcher.Encoding encoding() {
    return OutputWatcher.Encoding.STRING;
  }

  @Override
  Process launch(Layout layout, String bootstrap, Topics topics, Path workDir, SystemJvm jvm)
      throws Exception {
    List<String> command = jvm.javaCommand();
    command.addAll(layout.java17Opens());
    command.addAll(
        List.of(
            "-Dlog4j2.configurationFile=streamcount-log4j2.properties",
            "-cp",
            layout.structuredStreamingClasspath(),
            StructuredWordCount.class.getName(),
            bootstrap,
            topics.input(),
            topics.output(),
            workDir.resolve("checkpoint").toString(),
            Integer.toString(shufflePartitions),
            outputMode,
            Integer.toString(windowMinutes)));
    return start(command, workDir, Map.of("SPARK_HOME", layout.sparkHome().toString()));
  }

  @Override
  String startupProfile(Path workDir) {
    return StartupLine.find(workDir.resolve("stderr.log"));
  }
}
