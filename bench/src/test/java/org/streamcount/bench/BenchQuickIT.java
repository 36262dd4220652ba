package org.streamcount.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code bin/bench --quick} in the test command: every system runs on a small input and must end
 * with the exact table. Timing is printed, never asserted.
 */
class BenchQuickIT {

  @Test
  void everySystemCountsTheQuickWorkloadExactly() throws Exception {
    Path out = Path.of("target", "bench-quick");
    int code = new CommandLine(new Bench()).execute("--quick", "--out=" + out.toAbsolutePath());
    Path root = Layout.current().root();
    String table = Files.readString(root.resolve(out.toAbsolutePath()).resolve("latest.md"));
    System.out.println(table);
    assertThat(code).as("every system exact").isZero();
    assertThat(table).contains("streamcount-direct", "streamcount-spark", "kafka-streams-wordcountdemo",
        "spark-structured-streaming", "plain-consumer-limit").doesNotContain("**NO**");
  }
}
