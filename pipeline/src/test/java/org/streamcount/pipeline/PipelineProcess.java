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
    List<String> jvm = new ArrayList<>(List.of("-Xmx1g", "-Dspark.ui.enabled=false"));
    jvm.addAll(Arrays.asList(System.getProperty("streamcount.test.jvmOpens", "").trim().split("\\s+")));
    jvm.removeIf(String::isEmpty);
    return JavaProcess.start(jvm, null, StreamCount.class, args);
  }
}
