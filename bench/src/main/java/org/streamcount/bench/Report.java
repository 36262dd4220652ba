package org.streamcount.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The results table: per system, median words/s of the runs (min-max), start-up, latency,
 * memory, and ratios to Kafka Streams' WordCountDemo and to the plain-consumer limit. Printed,
 * and written as JSON and Markdown.
 */
final class Report {
  private final List<RunResult> results;
  private final String workload;
  private final String machine;

  Report(List<RunResult> results, String workload) {
    this.results = results;
    this.workload = workload;
    this.machine = Runtime.getRuntime().availableProcessors() + " cores, "
        + Math.round(totalMemoryGb()) + " GB, Java " + System.getProperty("java.version");
  }

  record Row(String system, double medianWps, double minWps, double maxWps, double steadyWps, double startup,
      double p50, double p99, double rss, boolean exact, int runs) {}

  List<Row> rows() {
    Map<String, List<RunResult>> bySystem = new LinkedHashMap<>();
    results.forEach(r -> bySystem.computeIfAbsent(r.system(), k -> new ArrayList<>()).add(r));
    List<Row> rows = new ArrayList<>();
    bySystem.forEach((system, runs) -> {
      List<RunResult> throughput = runs.stream().filter(r -> r.mode().equals("throughput")).toList();
      List<RunResult> latency = runs.stream().filter(r -> r.mode().equals("latency")).toList();
      List<Double> wps = throughput.stream().map(RunResult::wordsPerSecond).sorted().toList();
      List<Double> steady = throughput.stream().map(RunResult::wordsPerSecondAfterFirstOutput).sorted().toList();
      List<Double> startup = throughput.stream().map(RunResult::launchToFirstOutput).sorted().toList();
      boolean exact = runs.stream().allMatch(RunResult::exact);
      rows.add(new Row(system, median(wps), wps.isEmpty() ? Double.NaN : wps.get(0),
          wps.isEmpty() ? Double.NaN : wps.get(wps.size() - 1), median(steady), median(startup),
          latency.isEmpty() ? Double.NaN : latency.get(0).p50Ms(), latency.isEmpty() ? Double.NaN : latency.get(0).p99Ms(),
          runs.stream().mapToDouble(RunResult::peakRssMb).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN),
          exact, throughput.size()));
    });
    return rows;
  }

  String markdown() {
    List<Row> rows = rows();
    double demo = rows.stream().filter(r -> r.system().equals("kafka-streams-wordcountdemo")).mapToDouble(Row::medianWps).findFirst().orElse(Double.NaN);
    double limit = rows.stream().filter(r -> r.system().equals("plain-consumer-limit")).mapToDouble(Row::medianWps).findFirst().orElse(Double.NaN);
    StringBuilder s = new StringBuilder();
    s.append("Workload: ").append(workload).append(". Machine: ").append(machine).append(". ")
        .append(ZonedDateTime.now().withNano(0)).append(".\n\n");
    s.append("| system | words/s, launch to exact (median, min-max) | words/s after first output | start-up s | p50 / p99 latency ms | peak RSS MB | exact | vs WordCountDemo | vs limit |\n");
    s.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      s.append(String.format(Locale.ROOT, "| %s | %s (%s-%s) | %s | %s | %s / %s | %s | %s | %s | %s |%n",
          r.system(), num(r.medianWps()), num(r.minWps()), num(r.maxWps()), num(r.steadyWps()), dec(r.startup()),
          num(r.p50()), num(r.p99()), num(r.rss()), r.exact() ? "yes" : "**NO**",
          ratio(r.medianWps(), demo), ratio(r.medianWps(), limit)));
    }
    return s.toString();
  }

  String json() {
    List<String> rows = rows().stream().map(r -> String.format(Locale.ROOT,
        "    {\"system\": \"%s\", \"wordsPerSecondMedian\": %s, \"wordsPerSecondMin\": %s, \"wordsPerSecondMax\": %s, "
            + "\"wordsPerSecondAfterFirstOutput\": %s, \"startupSeconds\": %s, \"latencyP50Ms\": %s, \"latencyP99Ms\": %s, "
            + "\"peakRssMb\": %s, \"exact\": %s, \"runs\": %d}",
        r.system(), js(r.medianWps()), js(r.minWps()), js(r.maxWps()), js(r.steadyWps()), js(r.startup()),
        js(r.p50()), js(r.p99()), js(r.rss()), r.exact(), r.runs())).collect(Collectors.toList());
    return "{\n  \"date\": \"" + ZonedDateTime.now().withNano(0) + "\",\n  \"machine\": \"" + machine
        + "\",\n  \"workload\": \"" + workload + "\",\n  \"systems\": [\n" + String.join(",\n", rows) + "\n  ]\n}\n";
  }

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    String stamp = ZonedDateTime.now().toLocalDateTime().withNano(0).toString().replace(':', '-');
    Files.writeString(dir.resolve("bench-" + stamp + ".md"), markdown());
    Files.writeString(dir.resolve("bench-" + stamp + ".json"), json());
    Files.writeString(dir.resolve("latest.md"), markdown());
    Files.writeString(dir.resolve("latest.json"), json());
  }

  private static double median(List<Double> sorted) {
    List<Double> values = sorted.stream().filter(d -> !Double.isNaN(d)).sorted(Comparator.naturalOrder()).toList();
    return values.isEmpty() ? Double.NaN : values.get(values.size() / 2);
  }

  /** A rate, or "-" where there is none (a run that did not get that far, or under 1 s to measure). */
  static String num(double d) {
    return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%,.0f", d);
  }

  private static String dec(double d) {
    return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.1f", d);
  }

  private static String ratio(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", a / b);
  }

  private static String js(double d) {
    return Double.isNaN(d) ? "null" : String.format(Locale.ROOT, "%.1f", d);
  }

  private static double totalMemoryGb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return Double.NaN;
  }
}
