package org.streamcount.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * What one bundle sends one key across the shuffle: the counts of its words there and, when the job
 * tracks coverage, the lines the bundle read ({@link Coverage}). Every shard gets the lines, with
 * or without words, so that each shard's state says exactly which lines its totals count.
 *
 * @param counts word (or windowed key) -> count in the bundle
 * @param read the bundle's lines, or null when coverage is not tracked
 */
record Subtotals(Map<String, Long> counts, Coverage read) {
  static final SubtotalsCoder CODER = new SubtotalsCoder();

  static Subtotals of(Map<String, Long> counts) {
    return new Subtotals(counts, null);
  }

  /** Counts, then the coverage (nullable). */
  static final class SubtotalsCoder extends CustomCoder<Subtotals> {
    private static final long serialVersionUID = 1L;
    private static final MapCoder<String, Long> COUNTS =
        MapCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    private static final NullableCoder<Coverage> READ =
        NullableCoder.of(Coverage.CoverageCoder.INSTANCE);

    @Override
    public void encode(Subtotals value, OutputStream out) throws IOException {
      COUNTS.encode(value.counts(), out);
      READ.encode(value.read(), out);
    }

    @Override
    public Subtotals decode(InputStream in) throws IOException {
      return new Subtotals(COUNTS.decode(in), READ.decode(in));
    }
  }
}
