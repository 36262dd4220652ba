package org.streamcount.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** streamcount itself, as bin/streamcount starts it, on the DirectRunner or on Spark local[2]. */
final class StreamCountSystem extends SystemUnderTest {
  private final String name;
  private final String profile;

  private StreamCountSystem(String name, String profile) {
    this.name = name;
    this.profile = profile;
  }

  static StreamCountSystem direct() {
    return new StreamCountSystem("streamcount-direct", "direct");
  }

  static StreamCountSystem sparkLocal() {
    return new StreamCountSystem("streamcount-spark", "spark-local");
  }

  @Override
  String name() {
    return name;
  }

  @Override
  Process launch(Layout layout, String bootstrap, Topics topics, Path workDir, String heap) throws Exception {
    List<String> command = new ArrayList<>(List.of(Layout.java(), "-Xmx" + heap));
    command.addAll(Layout.JAVA17_OPENS);
    command.addAll(List.of("-Dspark.ui.enabled=false", "-cp", layout.pipelineClasspath(), "org.streamcount.pipeline.StreamCount"));
    command.addAll(arguments(layout, bootstrap, topics, workDir));
    return start(command, workDir, Map.of());
  }

  /** The same options everywhere: WordCountDemo's tokenizer, so the words are the same words. */
  List<String> arguments(Layout layout, String bootstrap, Topics topics, Path workDir) {
    return List.of("--profile=" + layout.profile(profile), "--bootstrapServers=" + bootstrap,
        "--inputTopics=" + topics.input(), "--outputTopic=" + topics.output(), "--tokenizer=kafka-demo",
        "--checkpointDir=" + workDir.resolve("checkpoint"), "--statusInterval=5s");
  }
}
