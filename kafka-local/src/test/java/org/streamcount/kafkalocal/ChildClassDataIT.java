package org.streamcount.kafkalocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The children of a kind share the classes the first of them loaded: the first writes the archive
 * as it exits, the next maps it. Each child says where its classes came from ({@code
 * -Xlog:class+load}).
 */
class ChildClassDataIT {
  private static final List<String> SAY_WHERE_CLASSES_COME_FROM =
      List.of("-Xmx256m", "-Xlog:class+load=info");

  /** A main class from this module's folder of test classes, not from a jar. */
  public static final class LoadsAJarClass {
    public static void main(String[] args) {
      System.out.println(org.apache.kafka.common.utils.Time.class.getName());
    }
  }

  @Test
  void theChildrenOfAMainFromAJarMapTheClassesTheFirstLoaded() throws Exception {
    JavaProcess.Result first = help();
    assertThat(first.stdout()).contains("org.streamcount.kafkalocal.KafkaLocal source: file:");

    // the archive takes its name once the first child is seen to have exited
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JavaProcess.Result later = help();
    while (!later.stdout().contains("KafkaLocal source: shared") && System.nanoTime() < deadline) {
      Thread.sleep(200);
      later = help();
    }
    assertThat(later.stdout())
        .contains("org.streamcount.kafkalocal.KafkaLocal source: shared objects file (top)")
        .contains("Usage:");
  }

  /** Its classpath keeps the folders, and it exits as it would without any archive. */
  @Test
  void aMainFromAFolderRunsWithoutSharing() throws Exception {
    for (int i = 0; i < 2; i++) {
      JavaProcess.Result run =
          JavaProcess.start(SAY_WHERE_CLASSES_COME_FROM, null, LoadsAJarClass.class)
              .awaitExit(Duration.ofMinutes(1));
      assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
      assertThat(run.stdout())
          .contains("org.apache.kafka.common.utils.Time source: file:")
          .doesNotContain("shared objects file (top)");
    }
  }

  @Test
  void theSharingClasspathIsTheJarsInTheirOrder() {
    String classpath =
        String.join(File.pathSeparator, "target/test-classes", "a.jar", "target/classes", "b.jar");
    assertThat(ChildClassData.jarsOnly(classpath))
        .isEqualTo(String.join(File.pathSeparator, "a.jar", "b.jar"));
  }

  private static JavaProcess.Result help() throws Exception {
    JavaProcess.Result run =
        JavaProcess.start(SAY_WHERE_CLASSES_COME_FROM, null, KafkaLocal.class, "--help")
            .awaitExit(Duration.ofMinutes(1));
    assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
    return run;
  }
}
