package org.streamcount.bench;

import java.nio.file.Path;
import java.util.ArrayList;
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

  private StructuredStreamingSystem(String name, int shufflePartitions, String outputMode) {
    this.name = name;
    this.shufflePartitions = shufflePartitions;
    this.outputMode = outputMode;
  }

  static StructuredStreamingSystem tuned() {
    return new StructuredStreamingSystem(
        "structured-streaming-tuned", Math.max(2, CORES), "complete");
  }

  static StructuredStreamingSystem asShipped() {
    return new StructuredStreamingSystem("structured-streaming-200-partitions", 200, "complete");
  }

  static StructuredStreamingSystem updateMode() {
    return new StructuredStreamingSystem(
        "structured-streaming-update", Math.max(2, CORES), "update");
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
  Process launch(Layout layout, String bootstrap, Topics topics, Path workDir, String heap)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(Layout.java(), "-Xmx" + heap));
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
            outputMode));
    return start(command, workDir, Map.of("SPARK_HOME", layout.sparkHome().toString()));
  }

  @Override
  String startupProfile(Path workDir) {
    return StartupLine.find(workDir.resolve("stderr.log"));
  }
}
