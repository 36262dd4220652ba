package org.streamcount.sparklocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparkHomeTest {

  @Test
  void theAssembledHomeHasSparkAndItsConfiguration() {
    SparkHome home = SparkHome.located();
    assertThat(home.jars())
        .isDirectoryContaining("glob:**/spark-core_2.12-*.jar")
        .isDirectoryContaining("glob:**/spark-streaming_2.12-*.jar");
    assertThat(home.conf().resolve("spark-defaults.conf")).exists();
    assertThat(home.conf().resolve("streamcount-log4j2.properties")).exists();
    assertThat(home.environment()).containsEntry("SPARK_SCALA_VERSION", "2.12");
  }

  @Test
  void sparksLauncherBuildsTheCommandWithJava17Opens() throws Exception {
    SparkHome home = SparkHome.located();
    List<String> command =
        home.command("org.apache.spark.deploy.master.Master", List.of("--host", "127.0.0.1"));
    assertThat(Files.isExecutable(java.nio.file.Path.of(command.get(0)))).isTrue();
    assertThat(command)
        .contains("-cp", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1");

    List<String> submit =
        home.command(
            "org.apache.spark.deploy.SparkSubmit", List.of("--master", "local[1]", "--version"));
    assertThat(submit)
        .contains("org.apache.spark.deploy.SparkSubmit")
        .anyMatch(arg -> arg.startsWith("--add-opens=java.base/sun.nio.ch"));
  }

  @Test
  void attachedCommandsRunTheDaemonBehindALifeline() throws Exception {
    List<String> command =
        SparkHome.located().attachedCommand("org.apache.spark.deploy.master.Master", List.of());
    int attached = command.indexOf(Attached.class.getName());
    assertThat(attached).isPositive();
    assertThat(command.get(attached + 1)).isEqualTo("org.apache.spark.deploy.master.Master");
  }
}
