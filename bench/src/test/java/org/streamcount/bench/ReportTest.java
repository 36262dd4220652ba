package org.streamcount.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static RunResult run(String system, int run, double seconds) {
    return new RunResult(
        system,
        "throughput",
        run,
        1_000_000,
        true,
        null,
        seconds,
        2.0,
        100,
        Double.NaN,
        Double.NaN,
        0,
        "jvm 0.5 + first count out 1.5");
  }

  @Test
  void ratiosAreOfMediansToTheTunedStructuredStreaming() {
    Report report =
        new Report(
            List.of(
                run("streamcount-spark", 1, 10),
                run("streamcount-spark", 2, 8),
                run("streamcount-spark", 3, 20),
                run(Report.STRUCTURED_TUNED, 1, 10)),
            "w",
            "bin/bench");
    String table = report.markdown();
    assertThat(table)
        .contains("| streamcount-spark | 100,000 (50,000-125,000) |")
        .contains("| 1.00x |")
        .contains("| streamcount-spark | 2.0 | jvm 0.5 + first count out 1.5 |");
  }

  @Test
  void publishingReplacesOnlyTheSectionOfTheSameCommand() {
    Report a = new Report(List.of(run("x", 1, 10)), "w", "bin/bench --systems x");
    Report b = new Report(List.of(run("y", 1, 10)), "w", "bin/bench --systems y");
    String page = b.performancePage(a.performancePage(null));
    assertThat(page)
        .startsWith("# Performance")
        .contains("## `bin/bench --systems x`", "## `bin/bench --systems y`");
    Report a2 = new Report(List.of(run("z", 1, 5)), "w", "bin/bench --systems x");
    String again = a2.performancePage(page);
    assertThat(again).contains("| z |", "| y |").doesNotContain("| x |");
    assertThat(again.indexOf("--systems x")).isLessThan(again.indexOf("--systems y"));
  }
}
