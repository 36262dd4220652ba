package org.streamcount.kafkalocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The children of a kind share the classes the first of them loaded: it lists them, this JVM dumps
 * an archive once it exited, the later ones map it. Each child says where its classes came from
 * ({@code -Xlog:class+load}).
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
  void laterChildrenMapTheClassesTheFirstLoaded() throws Exception {
    String first = run(KafkaLocal.class, "--help");
    assertThat(first).contains("org.streamcount.kafkalocal.KafkaLocal source: file:");

    String later = untilShared("org.streamcount.kafkalocal.KafkaLocal", KafkaLocal.class, "--help");
    assertThat(later)
        .contains("org.streamcount.kafkalocal.KafkaLocal source: shared objects file")
        .contains("Usage:");
  }

  /**
   * A class from a folder (a test's own) is loaded as it is, beside the shared ones, and the child
   * ends as it would without sharing.
   */
  @Test
  void classesFromFoldersLoadBesideTheSharedOnes() throws Exception {
    String first = run(LoadsAJarClass.class);
    assertThat(first).contains("org.apache.kafka.common.utils.Time source: file:");

    String later = untilShared("org.apache.kafka.common.utils.Time", LoadsAJarClass.class);
    assertThat(later)
        .contains("org.apache.kafka.common.utils.Time source: shared objects file")
        .containsPattern("LoadsAJarClass source: file:.*test-classes");
  }

  @Test
  void theClasspathIsTheJarsInTheirOrderThenTheFolders() {
    String classpath =
        String.join(File.pathSeparator, "target/test-classes", "a.jar", "target/classes", "b.jar");
    assertThat(ChildClassData.jarsFirst(classpath))
        .isEqualTo(
            String.join(
                File.pathSeparator, "a.jar", "b.jar", "target/test-classes", "target/classes"));
    assertThat(ChildClassData.jarsOnly(classpath))
        .isEqualTo(String.join(File.pathSeparator, "a.jar", "b.jar"));
  }

  /**
   * The archive is made once the first child has exited: a later child maps {@code sharedClass}
   * from it, within a minute.
   */
  private static String untilShared(String sharedClass, Class<?> main, String... args)
      throws Exception {
    String shared = sharedClass + " source: shared objects file";
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    String out = run(main, args);
    while (!out.contains(shared) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      out = run(main, args);
    }
    return out;
  }

  /** Runs {@code main} to its end, exit 0, and returns its standard output. */
  private static String run(Class<?> main, String... args) throws Exception {
    JavaProcess.Result run =
        JavaProcess.start(SAY_WHERE_CLASSES_COME_FROM, null, main, args)
            .awaitExit(Duration.ofMinutes(1));
    assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
    return run.stdout();
  }
}
