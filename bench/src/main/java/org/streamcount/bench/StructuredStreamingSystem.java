package org.streamcount.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The seed's listener, in Java: Spark Structured Streaming 3.5, local[2], complete mode, Kafka sink. */
final class StructuredStreamingSystem extends SystemUnderTest {

  @Override
  String name() {
    return "spark-structured-streaming";
  }

  @Override
  OutputWatcher.Encoding encoding() {
    return OutputWatcher.Encoding.STRING;
  }

  @Override
  Process launch(Layout layout, String bootstrap, Topics topics, Path workDir, String heap) throws Exception {
    List<String> command = new ArrayList<>(List.of(Layout.java(), "-Xmx" + heap));
    command.addAll(Layout.JAVA17_OPENS);
    command.addAll(List.of("-Dlog4j2.configurationFile=streamcount-log4j2.properties",
        "-cp", layout.structuredStreamingClasspath(), StructuredWordCount.class.getName(),
        bootstrap, topics.input(), topics.output(), workDir.resolve("checkpoint").toString()));
    return start(command, workDir, Map.of("SPARK_HOME", layout.sparkHome().toString()));
  }
}
