package org.streamcount.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/bench --quick} in the test command: every system runs on a small input and must end
 * with the exact table. Timing is printed, never asserted.
 */
class BenchQuickIT {

  /**
   * Every system, in two benches that run side by side (failsafe runs two tests at a time here):
   * streamcount's rows and the peers' rows.
   */
  @Test
  void streamcountCountsTheQuickWorkloadExactlyWithItsDefaultsAndEveryProfile() throws Exception {
    String table = quickBench("bench-quick", "--systems=defaults,direct,spark,spark-throughput");
    assertThat(table)
        .contains(
            "streamcount-defaults",
            "streamcount-direct",
            "streamcount-spark",
            "streamcount-spark-throughput",
            "Where the start-up went")
        .doesNotContain("**NO**");
  }

  @Test
  void everyPeerCountsTheQuickWorkloadExactly() throws Exception {
    String table =
        quickBench(
            "bench-quick-peers",
            "--systems=structured,structured-200,structured-update,kafka-streams,"
                + "kafka-streams-cached,limit");
    assertThat(table)
        .contains(
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
    String table =
        quickBench(
            "bench-quick-windowed", "--systems=defaults,spark,structured", "--window-minutes=1");
    assertThat(table)
        .contains(
            "streamcount-defaults",
            "streamcount-spark",
            "structured-streaming-tuned",
            "counted per 1-minute window")
        .doesNotContain("**NO**");
  }

  /**
   * Runs {@code bin/bench --quick} with {@code options}, checks every run exact, returns its table.
   */
  private static String quickBench(String outDir, String... options) throws Exception {
    Path out = Path.of("target", outDir).toAbsolutePath();
    // every system with the client compiler only: each run lives seconds on a small input, and
    // two benches share two cores; the optimizing compiler's work would not pay for itself here
    List<String> args =
        new ArrayList<>(List.of("--quick", "--out=" + out, "--jvm-option=-XX:TieredStopAtLevel=1"));
    args.addAll(List.of(options));
    int code = Bench.command().execute(args.toArray(String[]::new));
    String table = Files.readString(Layout.current().root().resolve(out).resolve("latest.md"));
    System.out.println(table);
    assertThat(code).as("every system exact").isZero();
    assertThat(table).as("the report's command").contains("--jvm-option=-XX:TieredStopAtLevel=1");
    return table;
  }
}
