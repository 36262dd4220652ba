package org.streamcount.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.streamcount.sparklocal.LocalSparkCluster;

/**
 * streamcount's job jar spark-submitted to a real standalone cluster (a master and N workers on
 * this machine, started once for all runs): how it scales past one JVM.
 */
final class SparkClusterSystem extends SystemUnderTest {
  private final int workers;
  private final Path clusterDir;
  private final List<String> extraOptions;
  private LocalSparkCluster cluster;

  SparkClusterSystem(int workers, Path clusterDir, List<String> extraOptions) {
    this.workers = workers;
    this.clusterDir = clusterDir;
    this.extraOptions = List.copyOf(extraOptions);
  }

  @Override
  String name() {
    return "streamcount-spark-cluster-" + workers + "w";
  }

  @Override
  Process launch(Layout layout, String bootstrap, Topics topics, Path workDir, SystemJvm jvm)
      throws Exception {
    if (cluster == null) {
      cluster = LocalSparkCluster.start(clusterDir, workers, 1, "1g", true);
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--class",
                "org.streamcount.pipeline.launch.StreamCount",
                "--driver-memory",
                jvm.heap(),
                "--conf",
                "spark.ui.enabled=false"));
    if (!jvm.options().isEmpty()) {
      args.addAll(List.of("--driver-java-options", String.join(" ", jvm.options())));
    }
    args.add(layout.pipelineJobJar().toString());
    args.addAll(
        StreamCountArguments.of(
            List.of(
                "--profile=" + layout.profile("spark-cluster"),
                "--bootstrapServers=" + bootstrap,
                "--inputTopics=" + topics.input(),
                "--outputTopic=" + topics.output(),
                "--tokenizer=kafka-demo",
                "--checkpointDir=" + workDir.resolve("checkpoint"),
                "--statusInterval=5s"),
            extraOptions));
    java.nio.file.Files.createDirectories(workDir);
    return cluster.submit(args, workDir.resolve("stdout.log"), workDir.resolve("stderr.log"));
  }

  @Override
  String startupProfile(Path workDir) {
    return StartupLine.find(workDir.resolve("stderr.log"));
  }

  @Override
  void shutdown() throws Exception {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }
}
