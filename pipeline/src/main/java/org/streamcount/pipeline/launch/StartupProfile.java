package org.streamcount.pipeline.launch;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the time from launch to the first published count goes: the driver's phases, timed where
 * they end, then the workers' first line read and first count handed to the writer (from {@link
 * PipelineStatus}). Logged once, as the {@code start-up:} line that bin/bench reads.
 */
final class StartupProfile {
  static final String PREFIX = "start-up: ";

  private final long launchedAtMillis;
  private final Map<String, Long> phaseEndsAtMillis = new LinkedHashMap<>();

  private StartupProfile(long launchedAtMillis) {
    this.launchedAtMillis = launchedAtMillis;
  }

  /** From the start of this JVM: the launch as the user sees it. */
  static StartupProfile sinceJvmStart() {
    return new StartupProfile(ManagementFactory.getRuntimeMXBean().getStartTime());
  }

  /** Marks the end of {@code phase}, which began where the previous phase ended. */
  void ended(String phase) {
    phaseEndsAtMillis.put(phase, System.currentTimeMillis());
  }

  /**
   * e.g. {@code start-up: first count out 9.8 s after launch = jvm 0.4 + options 0.5 + topics 0.2 +
   * runner start 3.1 + first line read 4.6 + first count out 1.0 (s)}, once the job has published
   * its first count.
   */
  Optional<String> line(PipelineStatus status) {
    if (status.firstUpdateAtMillis() <= 0) {
      return Optional.empty();
    }
    Map<String, Long> ends = new LinkedHashMap<>(phaseEndsAtMillis);
    if (status.firstLineAtMillis() > 0) {
      ends.put("first line read", status.firstLineAtMillis());
    }
    ends.put("first count out", status.firstUpdateAtMillis());
    long[] previous = {launchedAtMillis};
    String phases =
        ends.entrySet().stream()
            .map(
                e -> {
                  String part =
                      String.format(
                          Locale.ROOT,
                          "%s %.1f",
                          e.getKey(),
                          (e.getValue() - previous[0]) / 1000.0);
                  previous[0] = e.getValue();
                  return part;
                })
            .collect(Collectors.joining(" + "));
    return Optional.of(
        String.format(
            Locale.ROOT,
            "%sfirst count out %.1f s after launch = %s (s)",
            PREFIX,
            (status.firstUpdateAtMillis() - launchedAtMillis) / 1000.0,
            phases));
  }
}
