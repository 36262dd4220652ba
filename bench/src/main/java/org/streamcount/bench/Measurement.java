package org.streamcount.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/** One run of one system: fresh topics, input, launch, watch the output until exact, stop. */
final class Measurement {
  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(3);

  private final Layout layout;
  private final String bootstrap;
  private final Admin admin;
  private final SystemUnderTest system;
  private final String label;
  private final Path work;
  private final SystemJvm jvm;
  private final int timeoutSeconds;
  private final int stayExactSeconds;

  Measurement(
      Layout layout,
      String bootstrap,
      Admin admin,
      SystemUnderTest system,
      String label,
      Path work,
      SystemJvm jvm,
      int timeoutSeconds,
      int stayExactSeconds) {
    this.layout = layout;
    this.bootstrap = bootstrap;
    this.admin = admin;
    this.system = system;
    this.label = label;
    this.work = work;
    this.jvm = jvm;
    this.timeoutSeconds = timeoutSeconds;
    this.stayExactSeconds = stayExactSeconds;
  }

  /** Preloaded input; time from launch until the output table is exact. */
  RunResult throughput(Workload workload, Map<String, Long> reference, int partitions, int run)
      throws Exception {
    return throughput(workload, null, reference, partitions, run);
  }

  /** The same with each line stamped by {@code times} (null: the time of sending). */
  RunResult throughput(
      Workload workload, EventTimes times, Map<String, Long> reference, int partitions, int run)
      throws Exception {
    String runId = runId();
    SystemUnderTest.Topics topics = system.topics(runId);
    system.prepare(admin, topics, partitions);
    long loading = System.nanoTime();
    // A producer per run: a topic deleted and created again under the same name (WordCountDemo's
    // fixed topics) left a long-lived producer sending to the old one until its records expired.
    try (InputFeeder feeder = new InputFeeder(bootstrap)) {
      feeder.preload(topics.input(), workload, times);
    }
    Bench.say(
        String.format(
            Locale.ROOT,
            "%s: input written in %.1f s, launching",
            label,
            (System.nanoTime() - loading) / 1e9));
    Path dir = work.resolve(runId);
    try (OutputWatcher watcher =
        new OutputWatcher(bootstrap, topics.output(), system.encoding(), reference)) {
      long launched = System.nanoTime();
      Process process = system.launch(layout, bootstrap, topics, dir, jvm);
      Outcome outcome = watch(process, watcher, launched, workload.words(), dir);
      stop(process);
      RunResult result =
          new RunResult(
              system.name(),
              "throughput",
              run,
              workload.words(),
              outcome.problem == null,
              outcome.problem,
              seconds(watcher.exactNanos(), launched),
              seconds(watcher.firstOutputNanos(), launched),
              outcome.peakRssMb,
              Double.NaN,
              Double.NaN,
              0,
              system.startupProfile(dir));
      Bench.say(
          result.exact()
              ? String.format(
                  Locale.ROOT,
                  "%s: exact after %.1f s (first output after %.1f s): %,.0f words/s, %s after first output, peak RSS %,.0f MB",
                  label,
                  result.launchToExact(),
                  result.launchToFirstOutput(),
                  result.wordsPerSecond(),
                  Report.num(result.wordsPerSecondAfterFirstOutput()),
                  result.peakRssMb())
              : label + ": NOT EXACT: " + outcome.problem);
      return result;
    }
  }

  /**
   * Lines at a fixed rate once the system is up; after the first {@code untimedLines} of them, a
   * marker word every tenth of a second, timed from its send to its first appearance in the output.
   * The table must still end exact.
   */
  RunResult latency(Workload workload, int rate, long untimedLines, int partitions)
      throws Exception {
    String runId = runId();
    SystemUnderTest.Topics topics = system.topics(runId);
    system.prepare(admin, topics, partitions);
    int markerEvery = Math.max(1, rate / 10);
    List<String> markers = new ArrayList<>();
    for (long i = untimedLines; i < workload.lines(); i += markerEvery) {
      markers.add("m" + i);
    }
    List<String> extra = new ArrayList<>(markers);
    extra.add("warmup");
    Map<String, Long> reference = Bench.withExtraWords(workload.reference(), extra);
    Path dir = work.resolve(runId);
    try (OutputWatcher watcher =
            new OutputWatcher(bootstrap, topics.output(), system.encoding(), reference);
        InputFeeder feeder = new InputFeeder(bootstrap)) {
      long launched = System.nanoTime();
      Process process = system.launch(layout, bootstrap, topics, dir, jvm);
      feeder.sendAndWait(topics.input(), "warmup");
      long warmupDeadline = launched + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      while (watcher.firstSeen("warmup") < 0
          && process.isAlive()
          && System.nanoTime() < warmupDeadline) {
        Thread.sleep(50);
      }
      Bench.say(
          String.format(
              Locale.ROOT,
              "%s: warm after %.1f s; %,d lines at %,d lines/s ...",
              label,
              (System.nanoTime() - launched) / 1e9,
              workload.lines(),
              rate));
      Map<String, Long> sent = new LinkedHashMap<>();
      long start = System.nanoTime();
      long[] index = {0};
      workload.forEachLine(
          line -> {
            long due = start + index[0] * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
              sleepNanos(wait);
            }
            feeder.send(topics.input(), line);
            if (index[0] >= untimedLines && (index[0] - untimedLines) % markerEvery == 0) {
              String marker = "m" + index[0];
              sent.put(marker, System.nanoTime());
              feeder.send(topics.input(), marker);
            }
            index[0]++;
          });
      feeder.flush();
      Outcome outcome = watch(process, watcher, launched, workload.words() + extra.size(), dir);
      stop(process);
      List<Long> latencies = new ArrayList<>();
      sent.forEach(
          (marker, at) -> {
            long seen = watcher.firstSeen(marker);
            if (seen > 0) {
              latencies.add((seen - at) / 1_000_000);
            }
          });
      Collections.sort(latencies);
      double p50 = latencies.isEmpty() ? Double.NaN : latencies.get(latencies.size() / 2);
      double p99 =
          latencies.isEmpty()
              ? Double.NaN
              : latencies.get(
                  Math.min(latencies.size() - 1, (int) Math.ceil(latencies.size() * 0.99) - 1));
      Bench.say(
          String.format(
              Locale.ROOT,
              "%s: latency p50 %.0f ms, p99 %.0f ms over %d markers%s",
              label,
              p50,
              p99,
              latencies.size(),
              outcome.problem == null ? "" : "; NOT EXACT: " + outcome.problem));
      return new RunResult(
          system.name(),
          "latency",
          1,
          workload.words(),
          outcome.problem == null,
          outcome.problem,
          seconds(watcher.exactNanos(), launched),
          seconds(watcher.firstOutputNanos(), launched),
          outcome.peakRssMb,
          p50,
          p99,
          latencies.size(),
          system.startupProfile(dir));
    }
  }

  private record Outcome(String problem, double peakRssMb) {}

  private Outcome watch(Process process, OutputWatcher watcher, long launched, long words, Path dir)
      throws InterruptedException {
    long deadline = launched + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    long nextProgress = launched + PROGRESS_EVERY_NANOS;
    double rss = Double.NaN;
    while (true) {
      Thread.sleep(100);
      double now = ProcessMemory.peakRssMb(process.pid());
      rss = Double.isNaN(rss) ? now : Double.isNaN(now) ? rss : Math.max(rss, now);
      if (watcher.problem() != null) {
        return new Outcome(watcher.problem(), rss);
      }
      if (watcher.exact()) {
        return new Outcome(stayedExact(process, watcher), rss);
      }
      if (!process.isAlive()) {
        return new Outcome(
            "the system exited with code "
                + process.exitValue()
                + " (see "
                + dir.resolve("stderr.log")
                + ")",
            rss);
      }
      long t = System.nanoTime();
      if (t > deadline) {
        return new Outcome(
            "not exact after "
                + timeoutSeconds
                + " s: "
                + watcher.wrongWords()
                + " words wrong or missing, e.g. "
                + watcher.sampleOfWrongWords(3),
            rss);
      }
      if (t > nextProgress) {
        nextProgress = t + PROGRESS_EVERY_NANOS;
        double elapsed = (t - launched) / 1e9;
        long counted = watcher.countedWords();
        double rate =
            watcher.firstOutputNanos() < 0
                ? 0
                : counted / Math.max(1e-9, (t - watcher.firstOutputNanos()) / 1e9);
        Bench.say(
            String.format(
                Locale.ROOT,
                "%s: %.0f s, %,d/%,d words counted (%.0f%%), %,.0f words/s%s",
                label,
                elapsed,
                counted,
                words,
                100.0 * counted / words,
                rate,
                rate > 0 ? ", ETA " + Math.round((words - counted) / rate) + " s" : ", starting"));
      }
    }
  }

  /**
   * An exact table must stay exact: a late doubled update, a total that goes back down or a system
   * that dies would show within {@code stayExactSeconds}. Null if it stayed exact.
   */
  private String stayedExact(Process process, OutputWatcher watcher) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(stayExactSeconds);
    while (System.nanoTime() < until) {
      Thread.sleep(100);
      if (watcher.problem() != null) {
        return watcher.problem() + " (after the table had been exact)";
      }
      if (watcher.wrongWords() > 0) {
        return "exact, then "
            + watcher.wrongWords()
            + " words wrong again within "
            + stayExactSeconds
            + " s, e.g. "
            + watcher.sampleOfWrongWords(3);
      }
      if (!process.isAlive()) {
        return "exact, then the system exited with code "
            + process.exitValue()
            + " within "
            + stayExactSeconds
            + " s";
      }
    }
    return null;
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    SystemUnderTest.stopped(process);
  }

  private String runId() {
    return system.name() + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  private static double seconds(long nanos, long since) {
    return nanos < 0 ? Double.NaN : (nanos - since) / 1e9;
  }

  private static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
