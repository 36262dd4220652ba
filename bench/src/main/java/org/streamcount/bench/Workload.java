package org.streamcount.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The generated input: {@code lines} lines of {@code wordsPerLine} words drawn (seeded) from a
 * vocabulary of {@code vocabulary} words ({@code w0 ... w<V-1>}), uniformly or by Zipf's law, or,
 * with {@link Distribution#UNIQUE}, every word different ({@code u0, u1, ...}). Lower-case ASCII
 * separated by single spaces, so every system's tokenizer (kafka-demo, Spark's split, a plain
 * split) agrees on the words.
 */
record Workload(
    long lines,
    int wordsPerLine,
    int vocabulary,
    Distribution distribution,
    double zipfExponent,
    long seed) {

  /** How words are drawn from the vocabulary. */
  enum Distribution {
    /** Every word of the vocabulary equally likely. */
    UNIFORM,
    /**
     * The k-th most frequent word has probability proportional to 1/k^s: a few words carry most of
     * the text and a long tail is seen once or twice, as in real text.
     */
    ZIPF,
    /** No word twice: distinct words = lines x words per line. */
    UNIQUE;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  Workload(long lines, int wordsPerLine, int vocabulary, boolean uniqueWords, long seed) {
    this(
        lines,
        wordsPerLine,
        vocabulary,
        uniqueWords ? Distribution.UNIQUE : Distribution.UNIFORM,
        1.0,
        seed);
  }

  long words() {
    return lines * wordsPerLine;
  }

  /** Hands every line to {@code out}, always the same lines for the same workload. */
  void forEachLine(Consumer<String> out) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] zipfCdf = distribution == Distribution.ZIPF ? zipfCdf(vocabulary, zipfExponent) : null;
    StringBuilder line = new StringBuilder(wordsPerLine * 8);
    long next = 0;
    for (long i = 0; i < lines; i++) {
      line.setLength(0);
      for (int w = 0; w < wordsPerLine; w++) {
        if (w > 0) {
          line.append(' ');
        }
        switch (distribution) {
          case UNIQUE -> line.append('u').append(next++);
          case ZIPF -> line.append('w').append(rankOf(zipfCdf, random.nextDouble()));
          default -> line.append('w').append(random.nextInt(vocabulary));
        }
      }
      out.accept(line.toString());
    }
  }

  /** The cumulative probabilities of ranks 0 .. n-1 under Zipf's law with exponent s. */
  static double[] zipfCdf(int n, double s) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, s);
      cdf[k] = sum;
    }
    for (int k = 0; k < n; k++) {
      cdf[k] /= sum;
    }
    return cdf;
  }

  /** The first rank whose cumulative probability reaches {@code u}, by binary search. */
  static int rankOf(double[] cdf, double u) {
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The exact final table, computed independently of every system under test. */
  Map<String, Long> reference() {
    Map<String, Long> counts = new HashMap<>();
    forEachLine(
        line -> {
          int start = 0;
          for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ' ') {
              counts.merge(line.substring(start, i), 1L, Long::sum);
              start = i + 1;
            }
          }
        });
    return counts;
  }

  String describe() {
    return switch (distribution) {
      case UNIQUE ->
          String.format(
              Locale.ROOT,
              "%,d lines x %d words = %,d words, all distinct",
              lines,
              wordsPerLine,
              words());
      case ZIPF ->
          String.format(
              Locale.ROOT,
              "%,d lines x %d words = %,d words, Zipf (s = %.2f) over %,d words",
              lines,
              wordsPerLine,
              words(),
              zipfExponent,
              vocabulary);
      default ->
          String.format(
              Locale.ROOT,
              "%,d lines x %d words = %,d words, uniform over %,d words",
              lines,
              wordsPerLine,
              words(),
              vocabulary);
    };
  }
}
