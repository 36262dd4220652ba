package org.streamcount.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * A running total with the lines it counts, as a tracking job publishes it; or, with {@link
 * #SHARD_PROGRESS} for a total, the coverage a shard reached at a firing, which goes out after the
 * firing's totals (see {@link GrowingTotalsProducer}).
 *
 * @param total the word's total, or {@link #SHARD_PROGRESS}
 * @param covers the lines the total counts (for progress: every line of the shard's words)
 */
record CoveredTotal(long total, Coverage covers) {
  /** Marks a shard's progress: no word has a negative total. */
  static final long SHARD_PROGRESS = -1;

  static final CoveredTotalCoder CODER = new CoveredTotalCoder();

  boolean isProgress() {
    return total == SHARD_PROGRESS;
  }

  /** Total (+1, so that progress encodes too), then coverage. */
  static final class CoveredTotalCoder extends CustomCoder<CoveredTotal> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(CoveredTotal value, OutputStream out) throws IOException {
      VarLongCoder.of().encode(value.total() + 1, out);
      Coverage.CoverageCoder.INSTANCE.encode(value.covers(), out);
    }

    @Override
    public CoveredTotal decode(InputStream in) throws IOException {
      return new CoveredTotal(
          VarLongCoder.of().decode(in) - 1, Coverage.CoverageCoder.INSTANCE.decode(in));
    }
  }
}
