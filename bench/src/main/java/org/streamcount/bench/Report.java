package org.streamcount.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The results table: per system, median words/s of the runs (min-max), start-up, latency, memory,
 * and ratios, all from this one run, to the tuned Structured Streaming, to Kafka Streams'
 * WordCountDemo as shipped and to the plain-consumer limit; then where each system's start-up went.
 * Printed, and written as JSON and Markdown (and, with --publish, as docs/performance.md).
 */
final class Report {
  static final String STRUCTURED_TUNED = "structured-streaming-tuned";
  static final String WORDCOUNTDEMO = "kafka-streams-wordcountdemo";
  static final String LIMIT = "plain-consumer-limit";

  private final List<RunResult> results;
  private final String workload;
  private final String command;
  private final String machine;
  private final ZonedDateTime date = ZonedDateTime.now().withNano(0);

  Report(List<RunResult> results, String workload, String command) {
    this.results = results;
    this.workload = workload;
    this.command = command;
    this.machine =
        Runtime.getRuntime().availableProcessors()
            + " cores, "
            + Math.round(totalMemoryGb())
            + " GB, Java "
            + System.getProperty("java.version");
  }

  record Row(
      String system,
      double medianWps,
      double minWps,
      double maxWps,
      double steadyWps,
      double startup,
      double p50,
      double p99,
      double rss,
      boolean exact,
      int runs,
      String startupPhases) {}

  List<Row> rows() {
    Map<String, List<RunResult>> bySystem = new LinkedHashMap<>();
    results.forEach(r -> bySystem.computeIfAbsent(r.system(), k -> new ArrayList<>()).add(r));
    List<Row> rows = new ArrayList<>();
    bySystem.forEach(
        (system, runs) -> {
          List<RunResult> throughput =
              runs.stream().filter(r -> r.mode().equals("throughput")).toList();
          List<RunResult> latency = runs.stream().filter(r -> r.mode().equals("latency")).toList();
          List<Double> wps = throughput.stream().map(RunResult::wordsPerSecond).sorted().toList();
          List<Double> steady =
              throughput.stream().map(RunResult::wordsPerSecondAfterFirstOutput).sorted().toList();
          List<Double> startup =
              throughput.stream().map(RunResult::launchToFirstOutput).sorted().toList();
          boolean exact = runs.stream().allMatch(RunResult::exact);
          // the phases of the run whose start-up was the median one
          double medianStartup = median(startup);
          String phases =
              throughput.stream()
                  .filter(r -> r.launchToFirstOutput() == medianStartup)
                  .map(RunResult::startup)
                  .filter(Objects::nonNull)
                  .findFirst()
                  .orElse(null);
          rows.add(
              new Row(
                  system,
                  median(wps),
                  wps.isEmpty() ? Double.NaN : wps.get(0),
                  wps.isEmpty() ? Double.NaN : wps.get(wps.size() - 1),
                  median(steady),
                  medianStartup,
                  latency.isEmpty() ? Double.NaN : latency.get(0).p50Ms(),
                  latency.isEmpty() ? Double.NaN : latency.get(0).p99Ms(),
                  runs.stream()
                      .mapToDouble(RunResult::peakRssMb)
                      .filter(d -> !Double.isNaN(d))
                      .max()
                      .orElse(Double.NaN),
                  exact,
                  throughput.size(),
                  phases));
        });
    return rows;
  }

  String markdown() {
    List<Row> rows = rows();
    double structured = medianOf(rows, STRUCTURED_TUNED);
    double demo = medianOf(rows, WORDCOUNTDEMO);
    double limit = medianOf(rows, LIMIT);
    boolean latency = rows.stream().anyMatch(r -> !Double.isNaN(r.p50()));
    StringBuilder s = new StringBuilder();
    s.append("Workload: ")
        .append(workload)
        .append(".  \n")
        .append("Machine: ")
        .append(machine)
        .append(".  \n")
        .append("Date: ")
        .append(date.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append(".  \n")
        .append("Command: `")
        .append(command)
        .append("`\n\n");
    s.append(
            "| system | words/s, launch to exact (median, min-max) | words/s after first output | first output s |")
        .append(latency ? " p50 / p99 latency ms |" : "")
        .append(
            " peak RSS MB | exact | vs Structured Streaming tuned | vs WordCountDemo | vs limit |\n");
    s.append("|---|---|---|---|").append(latency ? "---|" : "").append("---|---|---|---|---|\n");
    for (Row r : rows) {
      s.append(
          String.format(
              Locale.ROOT,
              "| %s | %s (%s-%s) | %s | %s |",
              r.system(),
              num(r.medianWps()),
              num(r.minWps()),
              num(r.maxWps()),
              num(r.steadyWps()),
              dec(r.startup())));
      if (latency) {
        s.append(String.format(Locale.ROOT, " %s / %s |", num(r.p50()), num(r.p99())));
      }
      s.append(
          String.format(
              Locale.ROOT,
              " %s | %s | %s | %s | %s |%n",
              num(r.rss()),
              r.exact() ? "yes (" + r.runs() + " runs)" : "**NO**",
              ratio(r.medianWps(), structured),
              ratio(r.medianWps(), demo),
              ratio(r.medianWps(), limit)));
    }
    List<Row> profiled = rows.stream().filter(r -> r.startupPhases() != null).toList();
    if (!profiled.isEmpty()) {
      s.append(
          "\nWhere the start-up went (seconds, as each system logs it, run with the median start-up):\n\n");
      s.append("| system | launch to first output s | phases |\n|---|---|---|\n");
      for (Row r : profiled) {
        s.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s |%n",
                r.system(),
                dec(r.startup()),
                r.startupPhases()));
      }
    }
    return s.toString();
  }

  /**
   * docs/performance.md: generated, so that every number in it comes from the command it names.
   * Each command has its own section, replaced when the same command is published again.
   */
  String performancePage(String existing) {
    String begin = "<!-- bench: " + command + " -->\n";
    String end = "<!-- end: " + command + " -->\n";
    String section = begin + "## `" + command + "`\n\n" + markdown() + end;
    if (existing == null || existing.isBlank()) {
      existing =
          "# Performance\n\n"
              + "Generated by `bin/bench --publish`: each section below is one invocation, named by its command; rerun it to\n"
              + "check or refresh every number in it. Each system runs in its own JVM on the same local broker and the same\n"
              + "preloaded input, in turns (run 1 of every system, then run 2, ...), each first once untimed on a small input (`--warm-up`: a first launch\n"
              + "writes the class-data archive later launches map); a run counts only when the system's output table equals the bench's own\n"
              + "reference and stays equal for the following seconds. words/s = input words / (launch to exact table); ratios\n"
              + "are of medians from the same invocation. How to read it, and where the time goes:\n"
              + "[performance-notes.md](performance-notes.md).\n\n";
    }
    int at = existing.indexOf(begin);
    int after = at < 0 ? -1 : existing.indexOf(end, at);
    return at < 0 || after < 0
        ? existing + (existing.endsWith("\n\n") ? "" : "\n") + section
        : existing.substring(0, at) + section + existing.substring(after + end.length());
  }

  String json() {
    List<String> rows =
        rows().stream()
            .map(
                r ->
                    String.format(
                        Locale.ROOT,
                        "    {\"system\": \"%s\", \"wordsPerSecondMedian\": %s, \"wordsPerSecondMin\": %s, \"wordsPerSecondMax\": %s, "
                            + "\"wordsPerSecondAfterFirstOutput\": %s, \"startupSeconds\": %s, \"latencyP50Ms\": %s, \"latencyP99Ms\": %s, "
                            + "\"peakRssMb\": %s, \"exact\": %s, \"runs\": %d, \"startupPhases\": %s}",
                        r.system(),
                        js(r.medianWps()),
                        js(r.minWps()),
                        js(r.maxWps()),
                        js(r.steadyWps()),
                        js(r.startup()),
                        js(r.p50()),
                        js(r.p99()),
                        js(r.rss()),
                        r.exact(),
                        r.runs(),
                        r.startupPhases() == null ? "null" : "\"" + r.startupPhases() + "\""))
            .collect(Collectors.toList());
    return "{\n  \"date\": \""
        + date
        + "\",\n  \"machine\": \""
        + machine
        + "\",\n  \"workload\": \""
        + workload
        + "\",\n  \"command\": \""
        + command.replace("\"", "\\\"")
        + "\",\n  \"systems\": [\n"
        + String.join(",\n", rows)
        + "\n  ]\n}\n";
  }

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    String stamp = date.toLocalDateTime().toString().replace(':', '-');
    Files.writeString(dir.resolve("bench-" + stamp + ".md"), markdown());
    Files.writeString(dir.resolve("bench-" + stamp + ".json"), json());
    Files.writeString(dir.resolve("latest.md"), markdown());
    Files.writeString(dir.resolve("latest.json"), json());
  }

  private static double medianOf(List<Row> rows, String system) {
    return rows.stream()
        .filter(r -> r.system().equals(system))
        .mapToDouble(Row::medianWps)
        .findFirst()
        .orElse(Double.NaN);
  }

  private static double median(List<Double> sorted) {
    List<Double> values =
        sorted.stream().filter(d -> !Double.isNaN(d)).sorted(Comparator.naturalOrder()).toList();
    return values.isEmpty() ? Double.NaN : values.get(values.size() / 2);
  }

  /**
   * A rate, or "-" where there is none (a run that did not get that far, or under 1 s to measure).
   */
  static String num(double d) {
    return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%,.0f", d);
  }

  private static String dec(double d) {
    return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.1f", d);
  }

  private static String ratio(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) || b == 0
        ? "-"
        : String.format(Locale.ROOT, "%.2fx", a / b);
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
