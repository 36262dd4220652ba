package org.streamcount.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.streamcount.kafkalocal.JavaProcess;

/** The pipeline's main in a JVM of its own, started the way bin/streamcount starts it. */
final class PipelineProcess {
  private PipelineProcess() {}

  static JavaProcess start(String... args) throws IOException {
    return start(List.of(), args);
  }

  /** With extra JVM options (system properties such as {@code -Dspark.memory.fraction=...}). */
  static JavaProcess start(List<String> jvmOptions, String... args) throws IOException {
    return start(jvmOptions, List.of(), args);
  }

  /**
   * @param unsetEnvironment variables the child must not inherit from the test JVM (Maven's
   *     SPARK_LOCAL_IP, to see where Spark binds without it)
   */
  static JavaProcess start(List<String> jvmOptions, List<String> unsetEnvironment, String... args) throws IOException {
    List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
    jvm.addAll(jvmOptions);
    jvm.addAll(Arrays.asList(System.getProperty("streamcount.test.jvmOpens", "").trim().split("\\s+")));
    jvm.removeIf(String::isEmpty);
    return JavaProcess.start(jvm, unsetEnvironment, null, StreamCount.class, args);
  }
}
