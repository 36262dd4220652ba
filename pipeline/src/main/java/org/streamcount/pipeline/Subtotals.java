package org.streamcount.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * What one bundle sends one key across the shuffle: the counts of its words there and, when the job
 * tracks coverage, the lines the bundle read ({@link Coverage}). Every shard gets the lines, with
 * or without words, so that each shard's state says exactly which lines its totals count.
 *
 * <p>The counts travel encoded and are decoded once, by the firing that adds them. Between the two,
 * a runner may copy them many times: the DirectRunner copies the whole buffer of a key's subtotals
 * through their coder each time a bundle adds to it, so that with a 1 s trigger the copies, word by
 * word, were a quarter of a job's CPU (JFR); a copy of the bytes is one array copy. Immutable: the
 * two forms hold the same counts, and each is made at most once per JVM copy.
 */
final class Subtotals {
  static final SubtotalsCoder CODER = new SubtotalsCoder();
  private static final MapCoder<String, Long> COUNTS =
      MapCoder.of(StringUtf8Coder.of(), VarLongCoder.of());

  private final Coverage read;
  private volatile Map<String, Long> counts;
  private volatile byte[] encoded;

  /**
   * @param counts word (or windowed key) -> count in the bundle; not changed afterwards
   * @param read the bundle's lines, or null when coverage is not tracked
   */
  Subtotals(Map<String, Long> counts, Coverage read) {
    this.counts = Objects.requireNonNull(counts);
    this.read = read;
  }

  private Subtotals(byte[] encoded, Coverage read) {
    this.encoded = encoded;
    this.read = read;
  }

  static Subtotals of(Map<String, Long> counts) {
    return new Subtotals(counts, null);
  }

  /** A bundle's counts, encoded at once (see {@link WordCounts#encode}). */
  static Subtotals of(WordCounts counts, Coverage read) {
    return new Subtotals(counts.encode(), read);
  }

  /** word (or windowed key) -> count in the bundle. */
  Map<String, Long> counts() {
    Map<String, Long> decoded = counts;
    if (decoded == null) {
      try {
        decoded = CoderUtils.decodeFromByteArray(COUNTS, encoded);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      counts = decoded;
    }
    return decoded;
  }

  /** The bundle's lines, or null when coverage is not tracked. */
  Coverage read() {
    return read;
  }

  private byte[] encoded() throws IOException {
    byte[] bytes = encoded;
    if (bytes == null) {
      bytes = CoderUtils.encodeToByteArray(COUNTS, counts);
      encoded = bytes;
    }
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Subtotals other
        && counts().equals(other.counts())
        && Objects.equals(read, other.read);
  }

  @Override
  public int hashCode() {
    return Objects.hash(counts(), read);
  }

  @Override
  public String toString() {
    return "Subtotals[counts=" + counts() + ", read=" + read + "]";
  }

  /** The encoded counts (length, then the bytes), then the coverage (nullable). */
  static final class SubtotalsCoder extends CustomCoder<Subtotals> {
    private static final long serialVersionUID = 1L;
    private static final ByteArrayCoder COUNTS_BYTES = ByteArrayCoder.of();
    private static final NullableCoder<Coverage> READ =
        NullableCoder.of(Coverage.CoverageCoder.INSTANCE);

    @Override
    public void encode(Subtotals value, OutputStream out) throws IOException {
      COUNTS_BYTES.encode(value.encoded(), out);
      READ.encode(value.read(), out);
    }

    @Override
    public Subtotals decode(InputStream in) throws IOException {
      return new Subtotals(COUNTS_BYTES.decode(in), READ.decode(in));
    }
  }
}
