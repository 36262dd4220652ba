package org.streamcount.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** streamcount itself, as bin/streamcount starts it, on the DirectRunner or on Spark local[2]. */
final class StreamCountSystem extends SystemUnderTest {
  private final String name;
  private final String profile;
  private final List<String> extraOptions;

  private StreamCountSystem(String name, String profile, List<String> extraOptions) {
    this.name = name;
    this.profile = profile;
    this.extraOptions = List.copyOf(extraOptions);
  }

  static StreamCountSystem direct(List<String> extraOptions) {
    return new StreamCountSystem("streamcount-direct", "direct", extraOptions);
  }

  static StreamCountSystem sparkLocal(List<String> extraOptions) {
    return new StreamCountSystem("streamcount-spark", "spark-local", extraOptions);
  }

  static StreamCountSystem sparkLocalThroughput(List<String> extraOptions) {
    return new StreamCountSystem("streamcount-spark-throughput", "spark-local-throughput", extraOptions);
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
    List<String> args = new ArrayList<>(List.of("--profile=" + layout.profile(profile), "--bootstrapServers=" + bootstrap,
        "--inputTopics=" + topics.input(), "--outputTopic=" + topics.output(), "--tokenizer=kafka-demo",
        "--statusInterval=5s"));
    if (profile.startsWith("spark")) {
      args.add("--checkpointDir=" + workDir.resolve("checkpoint"));
    }
    args.addAll(extraOptions);
    return args;
  }
}
