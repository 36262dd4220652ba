package org.streamcount.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * One input record as the count sees it: its text and where it was read. A record that holds no
 * line (poison: skipped and counted) still travels, without text, so that its offset is covered
 * like every other ({@link Coverage}); a line made in a test has no place.
 *
 * @param text the line, or null for a record that is not one
 * @param partition {@link Coverage#partitionName}, or null for a line read from nowhere
 * @param offset the record's offset in its partition
 */
public record Line(String text, String partition, long offset) {
  public static final LineCoder CODER = new LineCoder();

  /** A line of no partition (tests, {@code Create}). */
  public static Line of(String text) {
    return new Line(text, null, -1);
  }

  boolean hasPlace() {
    return partition != null;
  }

  /** Text, partition (both nullable), offset. */
  public static final class LineCoder extends CustomCoder<Line> {
    private static final long serialVersionUID = 1L;
    private static final NullableCoder<String> STRING = NullableCoder.of(StringUtf8Coder.of());

    @Override
    public void encode(Line line, OutputStream out) throws IOException {
      STRING.encode(line.text(), out);
      STRING.encode(line.partition(), out);
      VarLongCoder.of().encode(line.offset() + 1, out);
    }

    @Override
    public Line decode(InputStream in) throws IOException {
      return new Line(STRING.decode(in), STRING.decode(in), VarLongCoder.of().decode(in) - 1);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
