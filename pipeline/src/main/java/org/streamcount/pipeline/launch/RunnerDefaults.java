package org.streamcount.pipeline.launch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a launch gets for the options that neither the command line nor a {@code --profile} sets:
 * the fast configuration of the chosen runner. A user who starts {@code bin/streamcount} or {@code
 * mvn exec:java} with no flags gets what bin/bench measured as fast, not Beam's test-oriented
 * defaults; profiles only refine it for one target.
 *
 * <p>Applied by the command-line launch only. Code that builds its options itself (the tests) keeps
 * Beam's defaults, so the DirectRunner's mutation and encoding checks stay on there.
 */
final class RunnerDefaults {
  private static final String RUNNER = "runner";

  /**
   * DirectRunner: its mutation and coder round-trip checks cost about 10x in throughput and find
   * bugs in code under test, not in a running job; and it pays per key and firing, so a few shards
   * of words (bin/bench: by word 1k words/s, 4 shards 24k). Its threads stay Beam's (at least 3,
   * one of them the runner's scheduler): while a read's poll could hold a thread for 2 s, 2 threads
   * stalled ResumeFromTableIT's 2-partition restarts (130 s instead of 23); with polls of 0.1 s
   * (ReadLines) 2 threads counted a 1-partition backlog only 5-8% faster, and a fixed count would
   * hold back a machine with more cores.
   */
  private static final Map<String, String> DIRECT =
      Map.of(
          "enforceImmutability", "false",
          "enforceEncodability", "false",
          "countShards", "4");

  /**
   * SparkRunner: 1 s micro-batches that read Kafka for 800 ms of each (Beam's 500 ms batches with
   * 200 ms reads carry a fifth of the words), as many local threads as cores (Beam's default is
   * local[4]; spark-submit's --master wins over it), 16 shards of words, and totals out in the
   * micro-batch that read their words: a delay would be looked at only in later micro-batches
   * (bin/bench, 2M words: 1s 197k words/s, 0s 249k; latency p50 1.7 s against 1.0 s).
   */
  private static final Map<String, String> SPARK =
      Map.of(
          "sparkMaster", "local[*]",
          "batchIntervalMillis", "1000",
          "minReadTimeMillis", "800",
          "countShards", "16",
          "triggerDelay", "0s");

  private RunnerDefaults() {}

  /** The arguments with the runner's defaults added before them, for every option they lack. */
  static String[] apply(String[] args) {
    Map<String, String> defaults = forRunner(runnerOf(args));
    Map<String, String> missing = new LinkedHashMap<>();
    defaults.keySet().stream().sorted().forEach(k -> missing.put(k, defaults.get(k)));
    for (String a : args) {
      missing.remove(RunnerProfile.optionName(a));
    }
    if (missing.isEmpty()) {
      return args;
    }
    List<String> out = new ArrayList<>();
    missing.forEach((k, v) -> out.add("--" + k + "=" + v));
    out.addAll(List.of(args));
    return out.toArray(String[]::new);
  }

  /** The defaults a runner gets (by Beam's short or full class name); DirectRunner when none. */
  static Map<String, String> forRunner(String runner) {
    if (runner == null || runner.endsWith("DirectRunner")) {
      return DIRECT;
    }
    if (runner.endsWith("SparkRunner")) {
      return SPARK;
    }
    return Map.of();
  }

  private static String runnerOf(String[] args) {
    String runner = null;
    for (String a : args) {
      if (RunnerProfile.optionName(a).equals(RUNNER) && a.contains("=")) {
        runner = a.substring(a.indexOf('=') + 1);
      }
    }
    return runner;
  }
}
