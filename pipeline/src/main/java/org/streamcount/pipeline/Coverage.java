package org.streamcount.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * Which input records a count has taken in: per input partition ({@code topic/partition}), ranges
 * of offsets. A count <em>covers</em> a record when every word of it that the count is about is in
 * the count, or never will be (a record before the point a run chose to start from). A total
 * published with its coverage says exactly which lines it counts, so a restart can re-read lines
 * and drop the words a total already holds: that is what makes the output topic the state.
 *
 * <p>Offsets with no record (the markers of transactions in transactional input) leave gaps between
 * the ranges of consecutive bundles; they cost a range each, never a wrong count. Immutable.
 */
public final class Coverage implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The header of a published total that holds the lines it counts ({@link #encode()}). */
  public static final String HEADER = "streamcount-covers";

  private static final Coverage NONE = new Coverage(new TreeMap<>());

  /** Per partition, sorted, disjoint, non-adjacent {@code [from, to)} pairs: from0, to0, ... */
  private final TreeMap<String, long[]> ranges;

  private Coverage(TreeMap<String, long[]> ranges) {
    this.ranges = ranges;
  }

  public static Coverage none() {
    return NONE;
  }

  /** The name of a partition in a coverage: {@code topic/partition}. */
  public static String partitionName(String topic, int partition) {
    return topic + "/" + partition;
  }

  /** Every offset below {@code offsets}' of each partition. */
  public static Coverage below(Map<String, Long> offsets) {
    TreeMap<String, long[]> below = new TreeMap<>();
    offsets.forEach(
        (partition, offset) -> {
          if (offset > 0) {
            below.put(partition, new long[] {0, offset});
          }
        });
    return new Coverage(below);
  }

  /** One range {@code [from, to)} of each partition of {@code fromTo} (partition -> {from, to}). */
  static Coverage ranges(Map<String, long[]> fromTo) {
    TreeMap<String, long[]> each = new TreeMap<>();
    fromTo.forEach((partition, r) -> each.put(partition, new long[] {r[0], r[1]}));
    return new Coverage(each);
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /** Whether the record at {@code offset} of {@code partition} is covered. */
  public boolean covers(String partition, long offset) {
    long[] r = ranges.get(partition);
    if (r == null) {
      return false;
    }
    for (int i = 0; i < r.length; i += 2) {
      if (offset < r[i]) {
        return false;
      }
      if (offset < r[i + 1]) {
        return true;
      }
    }
    return false;
  }

  /** The offset up to which every record of {@code partition} is covered (0: none). */
  public long coveredUpTo(String partition) {
    long[] r = ranges.get(partition);
    return r == null || r[0] > 0 ? 0 : r[1];
  }

  /** The partitions with an offset covered, and up to where each is covered from its start. */
  public Map<String, Long> coveredUpTo() {
    Map<String, Long> upTo = new HashMap<>();
    ranges.keySet().forEach(p -> upTo.put(p, coveredUpTo(p)));
    return upTo;
  }

  /** The highest offset covered plus one, per partition. */
  public Map<String, Long> ends() {
    Map<String, Long> ends = new HashMap<>();
    ranges.forEach((p, r) -> ends.put(p, r[r.length - 1]));
    return ends;
  }

  /**
   * Per partition with any, the offsets not covered below its highest covered one, in order: before
   * its first range (when that does not start at 0) and between ranges.
   */
  public Map<String, List<long[]>> gaps() {
    Map<String, List<long[]>> gaps = new TreeMap<>();
    ranges.forEach(
        (p, r) -> {
          List<long[]> inP = new ArrayList<>();
          long end = 0;
          for (int i = 0; i < r.length; i += 2) {
            if (r[i] > end) {
              inP.add(new long[] {end, r[i]});
            }
            end = r[i + 1];
          }
          if (!inP.isEmpty()) {
            gaps.put(p, inP);
          }
        });
    return gaps;
  }

  /** What either covers. */
  public Coverage union(Coverage other) {
    if (other.isEmpty() || other.equals(this)) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    TreeMap<String, long[]> both = new TreeMap<>(ranges);
    other.ranges.forEach((p, r) -> both.merge(p, r, Coverage::merge));
    return new Coverage(both);
  }

  /** The part of this at or above {@code offsets}, in the partitions it names. */
  public Coverage above(Map<String, Long> offsets) {
    TreeMap<String, long[]> above = new TreeMap<>();
    ranges.forEach(
        (p, r) -> {
          Long from = offsets.get(p);
          if (from == null) {
            return;
          }
          List<Long> kept = new ArrayList<>();
          for (int i = 0; i < r.length; i += 2) {
            if (r[i + 1] > from) {
              kept.add(Math.max(r[i], from));
              kept.add(r[i + 1]);
            }
          }
          if (!kept.isEmpty()) {
            above.put(p, kept.stream().mapToLong(Long::longValue).toArray());
          }
        });
    return new Coverage(above);
  }

  private static long[] merge(long[] a, long[] b) {
    List<long[]> all = new ArrayList<>();
    for (int i = 0; i < a.length; i += 2) {
      all.add(new long[] {a[i], a[i + 1]});
    }
    for (int i = 0; i < b.length; i += 2) {
      all.add(new long[] {b[i], b[i + 1]});
    }
    all.sort((x, y) -> Long.compare(x[0], y[0]));
    List<long[]> merged = new ArrayList<>();
    for (long[] r : all) {
      long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && r[0] <= last[1]) {
        last[1] = Math.max(last[1], r[1]);
      } else {
        merged.add(r.clone());
      }
    }
    long[] flat = new long[merged.size() * 2];
    for (int i = 0; i < merged.size(); i++) {
      flat[2 * i] = merged.get(i)[0];
      flat[2 * i + 1] = merged.get(i)[1];
    }
    return flat;
  }

  /**
   * As text, for a record header: {@code topic/0=0-1500,1600-1700;topic/1=0-20}. A Kafka topic name
   * holds none of {@code = , ;}, and the dash is looked for only after the {@code =}.
   */
  public String encode() {
    StringBuilder s = new StringBuilder();
    ranges.forEach(
        (p, r) -> {
          if (s.length() > 0) {
            s.append(';');
          }
          s.append(p).append('=');
          for (int i = 0; i < r.length; i += 2) {
            if (i > 0) {
              s.append(',');
            }
            s.append(r[i]).append('-').append(r[i + 1]);
          }
        });
    return s.toString();
  }

  /**
   * Reads {@link #encode()}'s text.
   *
   * @throws IllegalArgumentException for text that is not a coverage
   */
  public static Coverage decode(String text) {
    TreeMap<String, long[]> read = new TreeMap<>();
    if (text.isEmpty()) {
      return NONE;
    }
    try {
      for (String partition : text.split(";")) {
        int eq = partition.lastIndexOf('=');
        String[] pairs = partition.substring(eq + 1).split(",");
        long[] r = new long[pairs.length * 2];
        for (int i = 0; i < pairs.length; i++) {
          int dash = pairs[i].indexOf('-');
          r[2 * i] = Long.parseLong(pairs[i].substring(0, dash));
          r[2 * i + 1] = Long.parseLong(pairs[i].substring(dash + 1));
        }
        read.merge(partition.substring(0, eq), merge(r, new long[0]), Coverage::merge);
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a coverage: " + text, e);
    }
    return new Coverage(read);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Coverage other) || !ranges.keySet().equals(other.ranges.keySet())) {
      return false;
    }
    for (Map.Entry<String, long[]> e : ranges.entrySet()) {
      if (!java.util.Arrays.equals(e.getValue(), other.ranges.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return encode().hashCode();
  }

  @Override
  public String toString() {
    return ranges.isEmpty() ? "(nothing)" : encode();
  }

  /** As its text. */
  static final class CoverageCoder extends CustomCoder<Coverage> {
    private static final long serialVersionUID = 1L;
    static final CoverageCoder INSTANCE = new CoverageCoder();

    @Override
    public void encode(Coverage value, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(value.encode(), out);
    }

    @Override
    public Coverage decode(InputStream in) throws IOException {
      return Coverage.decode(StringUtf8Coder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
