package org.streamcount.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The generated input: {@code lines} lines of {@code wordsPerLine} words drawn (seeded) from a
 * vocabulary of {@code vocabulary} words ({@code w0 ... w<V-1>}), or, with {@code uniqueWords},
 * every word different ({@code u0, u1, ...}). Lower-case ASCII separated by single spaces, so
 * every system's tokenizer (kafka-demo, Spark's split, a plain split) agrees on the words.
 */
record Workload(long lines, int wordsPerLine, int vocabulary, boolean uniqueWords, long seed) {

  long words() {
    return lines * wordsPerLine;
  }

  /** Hands every line to {@code out}, always the same lines for the same workload. */
  void forEachLine(Consumer<String> out) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder line = new StringBuilder(wordsPerLine * 8);
    long next = 0;
    for (long i = 0; i < lines; i++) {
      line.setLength(0);
      for (int w = 0; w < wordsPerLine; w++) {
        if (w > 0) {
          line.append(' ');
        }
        if (uniqueWords) {
          line.append('u').append(next++);
        } else {
          line.append('w').append(random.nextInt(vocabulary));
        }
      }
      out.accept(line.toString());
    }
  }

  /** The exact final table, computed independently of every system under test. */
  Map<String, Long> reference() {
    Map<String, Long> counts = new HashMap<>();
    forEachLine(line -> {
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
    return String.format("%,d lines x %d words = %,d words, %s", lines, wordsPerLine, words(),
        uniqueWords ? "all distinct" : String.format("%,d distinct at most", vocabulary));
  }
}
