package org.streamcount.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * A running total of a word in a window, and whether its window closed with it (then it is the
 * window's final total). Open and final totals travel as one collection: Spark caches the outputs
 * of a step with several, and recomputing a dropped cached block runs a stateful firing twice.
 *
 * @param total the word's total in its window
 * @param isFinal the window closed: no total of this key follows
 */
record WindowTotal(long total, boolean isFinal) {
  static final WindowTotalCoder CODER = new WindowTotalCoder();

  static WindowTotal open(long total) {
    return new WindowTotal(total, false);
  }

  static WindowTotal closing(long total) {
    return new WindowTotal(total, true);
  }

  /** The total, doubled, plus one if final: one varint. */
  static final class WindowTotalCoder extends CustomCoder<WindowTotal> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(WindowTotal value, OutputStream out) throws IOException {
      VarLongCoder.of().encode(value.total() * 2 + (value.isFinal() ? 1 : 0), out);
    }

    @Override
    public WindowTotal decode(InputStream in) throws IOException {
      long encoded = VarLongCoder.of().decode(in);
      return new WindowTotal(encoded >>> 1, (encoded & 1) == 1);
    }
  }
}
