package org.streamcount.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.streamcount.kafkalocal.KafkaBrokerExtension;
import org.streamcount.kafkalocal.LocalBroker;
import org.streamcount.kafkalocal.LoopbackPort;

/**
 * bin/streamcount's class-data archive (bin/lib/build.sh, class_data_sharing) comes only from a
 * launch that ran a job: {@code --help} writes none, an archive written by a launch that ended
 * before its job ran (no broker) is made again by the next launch, and one written by a launch
 * whose job ran is mapped by the launches after it. With a profile file of its own, so that its
 * archive is its own too (a launch's kind is its profile's name).
 */
@ExtendWith(KafkaBrokerExtension.class)
class LauncherClassDataIT {
  private static final String WRITE = "-XX:ArchiveClassesAtExit=";
  private static final String MAP = "-XX:SharedArchiveFile=";

  private final String kind = "class-data-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final Path archives = Layout.current().root().resolve("pipeline/target/class-data");

  @AfterEach
  void deleteThisKindsArchive() throws Exception {
    if (Files.isDirectory(archives)) {
      try (Stream<Path> files = Files.list(archives)) {
        for (Path file : files.filter(f -> f.getFileName().toString().startsWith(kind)).toList()) {
          Files.deleteIfExists(file); // the lock is an empty folder
        }
      }
    }
  }

  @Test
  void onlyALaunchWhoseJobRanLeavesTheArchiveLaterLaunchesMap(LocalBroker kafka, @TempDir Path dir)
      throws Exception {
    Path profile = dir.resolve(kind + ".properties");
    Files.copy(Layout.current().root().resolve("runner-profiles/direct.properties"), profile);
    Path archive = archives.resolve(kind + ".jsa");

    Process help = launch(profile, dir, "--help");
    assertThat(help.waitFor(60, TimeUnit.SECONDS)).as("--help ends").isTrue();
    assertThat(archive).as("no archive from --help").doesNotExist();
    assertThat(archives.resolve(kind + ".lock")).as("nor the claim to write one").doesNotExist();

    String closed = "--bootstrapServers=127.0.0.1:" + LoopbackPort.free();
    Process noBroker = launch(profile, dir, closed, "--kafkaWait=1s");
    assertThat(ExecedJava.arguments(noBroker, 50)).anyMatch(a -> a.startsWith(WRITE));
    assertThat(noBroker.waitFor(60, TimeUnit.SECONDS))
        .as("a launch without a broker ends")
        .isTrue();
    assertThat(noBroker.exitValue()).isNotZero();

    String topic = "class-data-" + UUID.randomUUID();
    String[] job = {
      "--bootstrapServers=" + kafka.bootstrapServers(),
      "--inputTopics=" + topic,
      "--createInputTopics=true",
      "--outputTopic=" + topic + "-out"
    };
    Process ran = launch(profile, dir, job);
    List<String> ranWith = ExecedJava.arguments(ran, 50);
    assertThat(ranWith)
        .as("the archive of a launch whose job never ran is made again, not mapped")
        .anyMatch(a -> a.startsWith(WRITE))
        .noneMatch(a -> a.startsWith(MAP));
    Path mark = archives.resolve(kind + ".ran");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!Files.exists(mark) && ran.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(mark).as("the job left its mark once it ran").exists();
    ran.destroy(); // a stop as on Ctrl-C: the JVM writes its archive as it exits
    assertThat(ran.waitFor(90, TimeUnit.SECONDS)).as("the job stops").isTrue();
    assertThat(archive).as("the archive of the launch whose job ran").exists();

    Process after = launch(profile, dir, job);
    try {
      assertThat(ExecedJava.arguments(after, 50)).contains(MAP + archive);
    } finally {
      after.destroyForcibly();
      after.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Process launch(Path profile, Path dir, String... options) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Layout.current().root().resolve("bin/streamcount").toString(),
                "--profile",
                profile.toString()));
    command.addAll(List.of(options));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("launch-" + System.nanoTime() + ".out").toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("JAVA_OPTS");
    builder.environment().remove("STREAMCOUNT_CLASS_DATA");
    return builder.start();
  }
}
