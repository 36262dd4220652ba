package org.streamcount.pipeline;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * {@code --window}: which windows of event time (the Kafka record's timestamp) a word is counted
 * in. A windowed count is the global running count of one key per word and window, {@code
 * word@window-start} ({@code kafka@2019-10-01T09:00:00Z}), so every guarantee of the global table
 * holds for each window unchanged (exact totals, never backwards, across restarts and retries).
 * Windows are aligned to the epoch, as Beam's {@code FixedWindows}/{@code SlidingWindows} and Kafka
 * Streams' {@code TimeWindows} align them; a window is {@code [start, start + size)}.
 *
 * <p>Windows never close here: a late record still counts in its window, as in Kafka Streams with
 * an unbounded grace period. Session windows merge, so no key names one before it has ended; they
 * are not offered.
 */
public final class EventTimeWindows implements Serializable {
  /** Between the word and its window's start in a windowed key. */
  public static final char SEPARATOR = '@';

  private static final EventTimeWindows GLOBAL = new EventTimeWindows(0, 0);

  private final long sizeMillis;
  private final long periodMillis;

  /** The suffix of the window last keyed: lines of a bundle mostly share their windows. */
  private record Suffix(long startMillis, String text) {}

  private transient volatile Suffix lastSuffix;

  private EventTimeWindows(long sizeMillis, long periodMillis) {
    this.sizeMillis = sizeMillis;
    this.periodMillis = periodMillis;
  }

  /** One window for all time: the all-time table, keyed by word. */
  public static EventTimeWindows global() {
    return GLOBAL;
  }

  /** Back-to-back windows of {@code size}. */
  public static EventTimeWindows fixed(Duration size) {
    return sliding(size, size);
  }

  /**
   * Windows of {@code size} starting every {@code period}: a word counts in size/period of them.
   */
  public static EventTimeWindows sliding(Duration size, Duration period) {
    if (size.toMillis() < 1 || period.toMillis() < 1 || period.compareTo(size) > 0) {
      throw new IllegalArgumentException(
          "a window needs a size of at least 1ms and a period between 1ms and its size, not size "
              + size
              + ", period "
              + period);
    }
    if (size.toMillis() / period.toMillis() > 1_000) {
      throw new IllegalArgumentException(
          "a word would count in more than 1,000 sliding windows: use a longer period");
    }
    return new EventTimeWindows(size.toMillis(), period.toMillis());
  }

  public boolean isGlobal() {
    return sizeMillis == 0;
  }

  public long sizeMillis() {
    return sizeMillis;
  }

  /** The keys {@code word} counts under at {@code eventMillis}: the word itself when global. */
  public void keysOf(String word, long eventMillis, Consumer<String> out) {
    if (isGlobal()) {
      out.accept(word);
      return;
    }
    long lastStart = Math.floorDiv(eventMillis, periodMillis) * periodMillis;
    for (long start = lastStart; start > eventMillis - sizeMillis; start -= periodMillis) {
      out.accept(word + suffix(start));
    }
  }

  /** {@code word@2019-10-01T09:00:00Z}. */
  public static String key(String word, long startMillis) {
    return word + suffixText(startMillis);
  }

  /** {@code @2019-10-01T09:00:00Z}, formatted once per window rather than once per word. */
  private String suffix(long startMillis) {
    Suffix last = lastSuffix;
    if (last == null || last.startMillis() != startMillis) {
      last = new Suffix(startMillis, suffixText(startMillis));
      lastSuffix = last;
    }
    return last.text();
  }

  private static String suffixText(long startMillis) {
    return SEPARATOR + Instant.ofEpochMilli(startMillis).toString();
  }

  /** The word of a windowed key (everything before the last {@code @}). */
  public static String wordOf(String key) {
    return key.substring(0, key.lastIndexOf(SEPARATOR));
  }

  /**
   * The window start of a windowed key, epoch millis.
   *
   * @throws IllegalArgumentException when {@code key} is not windowed
   */
  public static long startOf(String key) {
    int at = key.lastIndexOf(SEPARATOR);
    if (at < 0) {
      throw new IllegalArgumentException("not a windowed key: " + key);
    }
    try {
      return Instant.parse(key.substring(at + 1)).toEpochMilli();
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("not a windowed key: " + key, e);
    }
  }

  @Override
  public String toString() {
    if (isGlobal()) {
      return "global";
    }
    return sizeMillis == periodMillis
        ? "fixed:" + Duration.ofMillis(sizeMillis)
        : "sliding:" + Duration.ofMillis(sizeMillis) + "," + Duration.ofMillis(periodMillis);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventTimeWindows w
        && w.sizeMillis == sizeMillis
        && w.periodMillis == periodMillis;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sizeMillis * 31 + periodMillis);
  }
}
