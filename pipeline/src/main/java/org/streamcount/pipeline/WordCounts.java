package org.streamcount.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * A table of words to {@code long}s: the counts of one key's words in one bundle, and, in stripes,
 * the highest total published per word ({@link PublishedTotals}). A word of a line is looked up by
 * its span: a word seen before is found where it lies in the line, with no string made for it, and
 * its count is a {@code long} in an array, not a boxed value: per word, no garbage (see
 * performance-notes.md, "Counting within a bundle, by spans"). Not thread-safe.
 *
 * <p>Open addressing with linear probing, at most half full. Encodes straight to the bytes of
 * {@code MapCoder<String, Long>}, which {@link Subtotals} decodes.
 */
final class WordCounts {
  private static final StringUtf8Coder WORD = StringUtf8Coder.of();
  private static final VarLongCoder COUNT = VarLongCoder.of();

  private String[] words;
  private int[] hashes;
  private long[] counts;
  private int size;

  /** Room for {@code expectedWords} before the table first grows. */
  WordCounts(int expectedWords) {
    int capacity = Integer.highestOneBit(Math.max(1, expectedWords) * 2 - 1) * 2;
    words = new String[capacity];
    hashes = new int[capacity];
    counts = new long[capacity];
  }

  /** {@code text.substring(start, end).hashCode()}, without the substring. */
  static int hash(String text, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + text.charAt(i);
    }
    return h;
  }

  /** Counts the word {@code text[start, end)} once more; {@code hash} is {@link #hash} of it. */
  void add(String text, int start, int end, int hash) {
    int i = find(text, start, end, hash);
    if (words[i] == null) {
      insert(i, text.substring(start, end), hash, 1);
    } else {
      counts[i]++;
    }
  }

  /** Counts {@code word} once more. */
  void add(String word) {
    add(word, 0, word.length(), word.hashCode());
  }

  /** The count of {@code word}, or {@code absent} if it has none. */
  long get(String word, long absent) {
    int i = find(word, 0, word.length(), word.hashCode());
    return words[i] == null ? absent : counts[i];
  }

  /** Sets the count of {@code key}, whatever it was. */
  void put(String key, long count) {
    int hash = key.hashCode();
    int i = find(key, 0, key.length(), hash);
    if (words[i] == null) {
      insert(i, key, hash, count);
    } else {
      counts[i] = count;
    }
  }

  /** The slot that holds the word {@code text[start, end)}, or the empty one it would go in. */
  private int find(String text, int start, int end, int hash) {
    int length = end - start;
    int mask = words.length - 1;
    for (int i = slot(hash, mask); ; i = (i + 1) & mask) {
      String word = words[i];
      if (word == null
          || (hashes[i] == hash
              && word.length() == length
              && word.regionMatches(0, text, start, length))) {
        return i;
      }
    }
  }

  int size() {
    return size;
  }

  /** The counts as {@code MapCoder.of(StringUtf8Coder.of(), VarLongCoder.of())} encodes them. */
  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 + size * 12);
    try {
      new DataOutputStream(bytes).writeInt(size);
      for (int i = 0; i < words.length; i++) {
        if (words[i] != null) {
          WORD.encode(words[i], bytes);
          COUNT.encode(counts[i], bytes);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  /** The counts as a map, for tests and messages. */
  Map<String, Long> toMap() {
    Map<String, Long> map = new HashMap<>();
    for (int i = 0; i < words.length; i++) {
      if (words[i] != null) {
        map.put(words[i], counts[i]);
      }
    }
    return map;
  }

  private static int slot(int hash, int mask) {
    return (hash ^ (hash >>> 16)) & mask;
  }

  private void insert(int slot, String word, int hash, long count) {
    words[slot] = word;
    hashes[slot] = hash;
    counts[slot] = count;
    if (++size * 2 > words.length) {
      grow();
    }
  }

  private void grow() {
    String[] oldWords = words;
    int[] oldHashes = hashes;
    long[] oldCounts = counts;
    words = new String[oldWords.length * 2];
    hashes = new int[words.length];
    counts = new long[words.length];
    int mask = words.length - 1;
    for (int j = 0; j < oldWords.length; j++) {
      if (oldWords[j] != null) {
        int i = slot(oldHashes[j], mask);
        while (words[i] != null) {
          i = (i + 1) & mask;
        }
        words[i] = oldWords[j];
        hashes[i] = oldHashes[j];
        counts[i] = oldCounts[j];
      }
    }
  }
}
