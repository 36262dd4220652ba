package org.streamcount.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/bench --quick} in the test command: every system runs on a small input and must end
 * with the exact table. Timing is printed, never asserted.
 */
class BenchQuickIT {

  @Test
  void everySystemCountsTheQuickWorkloadExactly() throws Exception {
    Path out = Path.of("target", "bench-quick");
    int code = Bench.command().execute("--quick", "--out=" + out.toAbsolutePath());
    Path root = Layout.current().root();
    String table = Files.readString(root.resolve(out.toAbsolutePath()).resolve("latest.md"));
    System.out.println(table);
    assertThat(code).as("every system exact").isZero();
    assertThat(table)
        .contains(
            "streamcount-defaults",
            "streamcount-direct",
            "streamcount-spark",
            "streamcount-spark-throughput",
            "structured-streaming-tuned",
            "structured-streaming-200-partitions",
            "structured-streaming-update",
            "kafka-streams-wordcountdemo",
            "kafka-streams-wordcountdemo-cached",
            "plain-consumer-limit",
            "Where the start-up went")
        .doesNotContain("**NO**");
  }

  /** The windowed row: per minute of the lines' own (2019) time, on both runners and Spark SQL. */
  @Test
  void windowedSystemsCountTheQuickWorkloadPerMinuteExactly() throws Exception {
    Path out = Path.of("target", "bench-quick-windowed");
    int code =
        Bench.command()
            .execute(
                "--quick",
                "--systems=defaults,spark,structured",
                "--window-minutes=1",
                "--out=" + out.toAbsolutePath());
    Path root = Layout.current().root();
    String table = Files.readString(root.resolve(out.toAbsolutePath()).resolve("latest.md"));
    System.out.println(table);
    assertThat(code).as("every system exact").isZero();
    assertThat(table)
        .contains(
            "streamcount-defaults",
            "streamcount-spark",
            "structured-streaming-tuned",
            "counted per 1-minute window")
        .doesNotContain("**NO**");
  }
}
