package org.streamcount.replayer;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The progress line of a long replay (count, rate, ETA) every few seconds, and the final summary.
 * Both go to stderr so that stdout carries only the echoed messages.
 */
final class Progress {
  private static final long EVERY_NANOS = 5_000_000_000L;

  private final PrintWriter err;
  private final String topic;
  private final long expected;
  private long startNanos = System.nanoTime();
  private long nextReportNanos = startNanos + EVERY_NANOS;
  private long messages;
  private long bytes;

  /**
   * @param expected messages expected in total, or -1 when unknown (stdin)
   */
  Progress(PrintWriter err, String topic, long expected) {
    this.err = err;
    this.topic = topic;
    this.expected = expected;
  }

  /** The clock starts when the broker is ready, not while waiting for it. */
  void start() {
    startNanos = System.nanoTime();
    nextReportNanos = startNanos + EVERY_NANOS;
  }

  void sent(int valueBytes) {
    messages++;
    bytes += valueBytes;
    long now = System.nanoTime();
    if (now >= nextReportNanos) {
      nextReportNanos = now + EVERY_NANOS;
      err.println("replayer: " + line(now));
    }
  }

  long messages() {
    return messages;
  }

  long bytes() {
    return bytes;
  }

  double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  String line(long now) {
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    double rate = messages / seconds;
    if (expected < 0) {
      return String.format(Locale.ROOT, "%,d messages to %s (%,.0f/s)", messages, topic, rate);
    }
    String eta = rate > 0 ? formatDuration((expected - messages) / rate) : "?";
    return String.format(
        Locale.ROOT,
        "%,d/%,d messages to %s (%.0f%%, %,.0f/s, ETA %s)",
        messages,
        expected,
        topic,
        100.0 * messages / Math.max(1, expected),
        rate,
        eta);
  }

  String summary() {
    double seconds = seconds();
    return String.format(
        Locale.ROOT,
        "sent %,d messages (%,d bytes) to %s in %.1f s (%,.0f messages/s)",
        messages,
        bytes,
        topic,
        seconds,
        messages / Math.max(1e-9, seconds));
  }

  static String formatDuration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
