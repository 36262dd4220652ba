package org.streamcount.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemJvmTest {

  @Test
  void theHeapComesFirstThenEveryOptionInTheOrderGiven() {
    assertThat(new SystemJvm("2g", List.of()).flags()).containsExactly("-Xmx2g");
    assertThat(
            new SystemJvm("1g", List.of("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC")).flags())
        .containsExactly("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC");
  }

  @Test
  void aSystemsCommandStartsWithJavaAndTheFlags() {
    SystemJvm jvm = new SystemJvm("1g", List.of("-XX:TieredStopAtLevel=1"));
    assertThat(jvm.javaCommand())
        .containsExactly(Layout.java(), "-Xmx1g", "-XX:TieredStopAtLevel=1");
  }

  @Test
  void laterChangesToTheOptionsGivenDoNotReachIt() {
    List<String> given = new ArrayList<>(List.of("-XX:+UseSerialGC"));
    SystemJvm jvm = new SystemJvm("1g", given);
    given.add("-XX:+UseParallelGC");
    assertThat(jvm.options()).containsExactly("-XX:+UseSerialGC");
  }

  @Test
  void theCommandLineTakesTheOptionRepeatedly() {
    Bench bench = new Bench();
    new picocli.CommandLine(bench)
        .parseArgs("--jvm-option=-XX:TieredStopAtLevel=1", "--jvm-option=-XX:+UseSerialGC");
    assertThat(bench.jvmOptions).containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
  }
}
