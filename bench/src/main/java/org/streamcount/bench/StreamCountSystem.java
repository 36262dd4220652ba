package org.streamcount.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * streamcount itself, launched by bin/streamcount: with no profile (what a user gets without
 * flags), or with one of runner-profiles/.
 */
final class StreamCountSystem extends SystemUnderTest {
  private final String name;
  private final String profile;
  private final List<String> extraOptions;

  private StreamCountSystem(String name, String profile, List<String> extraOptions) {
    this.name = name;
    this.profile = profile;
    this.extraOptions = List.copyOf(extraOptions);
  }

  static StreamCountSystem defaults(List<String> extraOptions) {
    return new StreamCountSystem("streamcount-defaults", null, extraOptions);
  }

  static StreamCountSystem direct(List<String> extraOptions) {
    return new StreamCountSystem("streamcount-direct", "direct", extraOptions);
  }

  static StreamCountSystem sparkLocal(List<String> extraOptions) {
    return new StreamCountSystem("streamcount-spark", "spark-local", extraOptions);
  }

  static StreamCountSystem sparkLocalThroughput(List<String> extraOptions) {
    return new StreamCountSystem(
        "streamcount-spark-throughput", "spark-local-throughput", extraOptions);
  }

  @Override
  String name() {
    return name;
  }

  @Override
  Process launch(Layout layout, String bootstrap, Topics topics, Path workDir, SystemJvm jvm)
      throws Exception {
    // the launch users make, class-data archive included: bin/streamcount
    List<String> command =
        new ArrayList<>(List.of(layout.root().resolve("bin/streamcount").toString()));
    command.addAll(arguments(layout, bootstrap, topics, workDir));
    return start(
        command,
        workDir,
        Map.of(
            "JAVA_OPTS",
            String.join(" ", jvm.flags()) + " -Dspark.ui.enabled=false",
            "JAVA_HOME",
            System.getProperty("java.home")));
  }

  /** The same options everywhere: WordCountDemo's tokenizer, so the words are the same words. */
  List<String> arguments(Layout layout, String bootstrap, Topics topics, Path workDir) {
    List<String> args = new ArrayList<>();
    if (profile != null) {
      args.add("--profile=" + profile); // bin/streamcount finds it by name
    }
    args.addAll(
        List.of(
            "--bootstrapServers=" + bootstrap,
            "--inputTopics=" + topics.input(),
            "--outputTopic=" + topics.output(),
            "--tokenizer=kafka-demo",
            "--statusInterval=5s"));
    if (profile != null && profile.startsWith("spark")) {
      args.add("--checkpointDir=" + workDir.resolve("checkpoint"));
    }
    return StreamCountArguments.of(args, extraOptions);
  }

  @Override
  String startupProfile(Path workDir) {
    return StartupLine.find(workDir.resolve("stderr.log"));
  }
}
